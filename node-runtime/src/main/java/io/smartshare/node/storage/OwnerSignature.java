package io.smartshare.node.storage;

import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeIdentity;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The owner's signature on a request that changes or reads its content at the holder
 * (docs/storage.md, "Requests"): Ed25519 over {@code "smartshare/storage-request/v1" ‖ op (1
 * byte) ‖ agreement id (16) ‖ from (8) ‖ count (8) ‖ SHA-256(body)}, sent as query parameter
 * {@code sig} in base64url without padding. Requests reach the holder through relays, whose
 * addresses say nothing of who sent them; the signature does. A replayed request repeats what
 * the owner asked for and changes nothing more (uploads go in leaf order, a deleted agreement
 * is never taken again).
 */
public enum OwnerSignature {
    UPLOAD(1),
    READ(2),
    DELETE(3);

    /** The query parameter that carries the signature. */
    public static final String PARAMETER = "sig";
    private static final byte[] LABEL = "smartshare/storage-request/v1".getBytes(StandardCharsets.US_ASCII);

    private final int op;

    OwnerSignature(int op) {
        this.op = op;
    }

    /** The signature, as the query parameter's value. */
    public String sign(NodeIdentity owner, String id, long from, long count, byte[] body) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(owner.sign(message(id, from, count, body)));
    }

    /** True if {@code signature} (the parameter's value) is {@code owner}'s on this request. */
    public boolean verify(Ed25519PublicKey owner, String id, long from, long count, byte[] body,
            Optional<String> signature) {
        if (signature.isEmpty()) {
            return false;
        }
        try {
            return owner.verify(message(id, from, count, body), Base64.getUrlDecoder().decode(signature.get()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private byte[] message(String id, long from, long count, byte[] body) {
        try {
            return ByteBuffer.allocate(LABEL.length + 1 + 16 + 8 + 8 + 32).put(LABEL).put((byte) op)
                    .put(HexFormat.of().parseHex(id)).putLong(from).putLong(count)
                    .put(MessageDigest.getInstance("SHA-256").digest(body)).array();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
