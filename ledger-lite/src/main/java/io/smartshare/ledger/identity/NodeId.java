package io.smartshare.ledger.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * The stable name of a node, derived from its Ed25519 public key:
 * {@code "ss" + base32lower(SHA-256("smartshare/node-id/v1" || publicKey)[0..15])}, 28
 * characters (RFC 4648 base32 alphabet in lower case, no padding). See docs/identity.md.
 *
 * @param value the textual id, always valid
 */
public record NodeId(String value) {
    private static final Pattern FORMAT = Pattern.compile("ss[a-z2-7]{26}");
    private static final byte[] DOMAIN = "smartshare/node-id/v1".getBytes(StandardCharsets.US_ASCII);
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    public NodeId {
        if (!FORMAT.matcher(value).matches()) {
            throw new IdentityException("node id: expected 'ss' and 26 base32 characters, found '" + value + "'");
        }
    }

    /** Derives the id of the node that owns {@code key}. */
    public static NodeId of(Ed25519PublicKey key) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
        sha256.update(DOMAIN);
        sha256.update(key.encoded());
        byte[] digest = sha256.digest();
        return new NodeId("ss" + base32(digest, 16));
    }

    private static String base32(byte[] bytes, int length) {
        StringBuilder out = new StringBuilder((length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < length; i++) {
            buffer = (buffer << 8) | (bytes[i] & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return value;
    }
}
