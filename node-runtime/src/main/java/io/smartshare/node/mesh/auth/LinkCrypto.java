package io.smartshare.node.mesh.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * The primitives of link authentication (docs/mesh-protocol.md, "Link authentication"):
 * X25519 (RFC 7748), HKDF-SHA256 (RFC 5869), HMAC-SHA256 (RFC 2104) and AES-256-GCM (NIST SP
 * 800-38D). Stateless; every method makes its own JCA objects, except {@link Tagger}.
 */
public final class LinkCrypto {
    /** HKDF salt of the link key. */
    static final byte[] LINK_SALT = "smartshare/mesh-link/v2".getBytes(StandardCharsets.US_ASCII);
    private static final String HMAC = "HmacSHA256";
    private static final int GCM_TAG_BITS = 128;

    private LinkCrypto() {
    }

    /**
     * The 32-byte key two nodes share: HKDF-SHA256 with salt {@code "smartshare/mesh-link/v2"},
     * input X25519({@code ownPrivate}, {@code peerPublic}) and info the two tunnel public keys,
     * the smaller (unsigned, bytewise) first; empty if the peer's key is a low-order point (an
     * all-zero shared secret).
     */
    public static Optional<byte[]> linkKey(byte[] ownPrivate, byte[] ownPublic, byte[] peerPublic) {
        byte[] shared = new byte[X25519.POINT_SIZE];
        if (!X25519.calculateAgreement(ownPrivate, 0, peerPublic, 0, shared, 0)) {
            return Optional.empty();
        }
        boolean ownFirst = Arrays.compareUnsigned(ownPublic, peerPublic) <= 0;
        byte[] info = concat(ownFirst ? ownPublic : peerPublic, ownFirst ? peerPublic : ownPublic);
        return Optional.of(hkdf(LINK_SALT, shared, info, 32));
    }

    /** HKDF-SHA256 (RFC 5869) of {@code length} bytes, at most 32. */
    static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) {
        byte[] prk = hmac(salt, ikm);
        return Arrays.copyOf(hmac(prk, info, new byte[] {1}), length);
    }

    /** HMAC-SHA256 of the concatenated {@code parts} under {@code key}. */
    static byte[] hmac(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }

    /** AES-256-GCM encryption of {@code plaintext}: ciphertext followed by the 16-byte tag. */
    static byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) {
        try {
            Cipher gcm = gcm(Cipher.ENCRYPT_MODE, key, nonce);
            gcm.updateAAD(aad);
            return gcm.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    /** The plaintext of {@code sealed}, or empty if its tag does not verify. */
    static Optional<byte[]> open(byte[] key, byte[] nonce, byte[] aad, byte[] sealed) {
        try {
            Cipher gcm = gcm(Cipher.DECRYPT_MODE, key, nonce);
            gcm.updateAAD(aad);
            return Optional.of(gcm.doFinal(sealed));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    private static Cipher gcm(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(GCM_TAG_BITS, nonce));
        return gcm;
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /**
     * Truncated HMAC-SHA256 tags with one reused JCA {@link Mac} (a heartbeat may be checked
     * against several counters). Not thread-safe.
     */
    static final class Tagger {
        private final Mac mac;

        Tagger() {
            try {
                mac = Mac.getInstance(HMAC);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
            }
        }

        /** The first {@code length} bytes (at most 8) of HMAC-SHA256 under {@code key}, as an unsigned number. */
        long tag(byte[] key, int length, byte[]... parts) {
            try {
                mac.init(new SecretKeySpec(key, HMAC));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("an HMAC key of 16 bytes is valid", e);
            }
            for (byte[] part : parts) {
                mac.update(part);
            }
            byte[] full = mac.doFinal();
            long tag = 0;
            for (int i = 0; i < length; i++) {
                tag = tag << 8 | full[i] & 0xff;
            }
            return tag;
        }
    }
}
