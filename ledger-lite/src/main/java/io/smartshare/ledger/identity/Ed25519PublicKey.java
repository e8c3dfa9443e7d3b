package io.smartshare.ledger.identity;

import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 public key (RFC 8032), validated on construction ({@link #of}) or, for keys read
 * from a flood-prone source, at its first use ({@link #deferred}).
 *
 * <p>The decoded curve point is cached, so repeated {@link #verify} calls skip point
 * decompression. Instances are immutable (the cache aside) and safe to share between threads.
 */
public final class Ed25519PublicKey {
    /** Length of an encoded public key in bytes. */
    public static final int LENGTH = Ed25519.PUBLIC_KEY_SIZE;
    /** Length of a signature in bytes. */
    public static final int SIGNATURE_LENGTH = Ed25519.SIGNATURE_SIZE;

    private final byte[] encoded;
    /** The decoded point; null until first needed for a {@link #deferred} key. */
    private volatile Ed25519.PublicPoint point;

    private Ed25519PublicKey(byte[] encoded, Ed25519.PublicPoint point) {
        this.encoded = encoded;
        this.point = point;
    }

    /**
     * Decodes a 32-byte public key.
     *
     * @throws IdentityException if the bytes are not 32 long or not a valid curve point
     */
    public static Ed25519PublicKey of(byte[] encoded) {
        if (encoded.length != LENGTH) {
            throw new IdentityException(
                    "Ed25519 public key: expected " + LENGTH + " bytes, found " + encoded.length);
        }
        byte[] copy = encoded.clone();
        Ed25519.PublicPoint point = Ed25519.validatePublicKeyFullExport(copy, 0);
        if (point == null) {
            throw new IdentityException("Ed25519 public key: not a valid curve point: " + HexFormat.of().formatHex(copy));
        }
        return new Ed25519PublicKey(copy, point);
    }

    /**
     * A 32-byte public key whose curve point is decoded and validated only when it first
     * verifies a signature; an invalid point then verifies nothing. Decoding and validating a
     * point costs about as much as a signature check, so a receiver that rate-limits signature
     * checks (mesh hellos from unknown senders) takes keys this way and pays for the point only
     * within its limit.
     *
     * @throws IdentityException if the bytes are not 32 long
     */
    public static Ed25519PublicKey deferred(byte[] encoded) {
        if (encoded.length != LENGTH) {
            throw new IdentityException(
                    "Ed25519 public key: expected " + LENGTH + " bytes, found " + encoded.length);
        }
        return new Ed25519PublicKey(encoded.clone(), null);
    }

    /** Returns true if {@code signature} is a valid signature of {@code message} by this key. */
    public boolean verify(byte[] message, byte[] signature) {
        return verify(message, 0, message.length, signature);
    }

    /** Like {@link #verify(byte[], byte[])} over {@code message[offset, offset + length)}. */
    public boolean verify(byte[] message, int offset, int length, byte[] signature) {
        if (signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        Ed25519.PublicPoint decoded = point;
        if (decoded == null) {
            decoded = Ed25519.validatePublicKeyFullExport(encoded, 0);
            if (decoded == null) {
                return false;
            }
            point = decoded;
        }
        return Ed25519.verify(signature, 0, decoded, message, offset, length);
    }

    /** The 32-byte encoding (a copy). */
    public byte[] encoded() {
        return encoded.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ed25519PublicKey other && Arrays.equals(encoded, other.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    /** The id of the node that owns the key ({@link NodeId}): how operators know nodes, in every message. */
    @Override
    public String toString() {
        return NodeId.of(this).value();
    }
}
