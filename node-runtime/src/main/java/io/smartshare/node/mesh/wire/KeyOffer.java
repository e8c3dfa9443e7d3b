package io.smartshare.node.mesh.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A sender's session keys for one neighbour, sealed with AES-256-GCM under the key the two
 * share by X25519 of their tunnel keys (docs/mesh-protocol.md, "Link authentication").
 * Layout (78 bytes): header, flags (bit 0: "send me yours"; other bits 0), session u64, nonce
 * (12), ciphertext with its GCM tag ({@value #SEALED_LENGTH}).
 *
 * @param replyRequested true if the receiver should answer with its own offer
 * @param session the sender's session number, unsigned 64 bits, greater than any before
 * @param nonce the 12-byte GCM nonce (a copy is kept)
 * @param sealed the ciphertext and GCM tag (a copy is kept)
 */
public record KeyOffer(boolean replyRequested, long session, byte[] nonce, byte[] sealed) implements Frame {
    /** Encoded size in bytes. */
    public static final int SIZE = 78;
    /** Bytes of the plaintext: beacon key 16, unicast key 16, beacon counter u32, sealing floor u32. */
    public static final int PLAINTEXT_LENGTH = 40;
    /** Bytes of the ciphertext with its 16-byte GCM tag. */
    public static final int SEALED_LENGTH = PLAINTEXT_LENGTH + 16;
    /** Bytes of the nonce. */
    public static final int NONCE_LENGTH = 12;
    /** Leading bytes that the GCM tag also covers (header, flags, session). */
    public static final int HEADER_LENGTH = 10;
    static final int REPLY_REQUESTED = 0x01;

    public KeyOffer {
        if (nonce.length != NONCE_LENGTH || sealed.length != SEALED_LENGTH) {
            throw new IllegalArgumentException("key offer: expected a " + NONCE_LENGTH + "-byte nonce and "
                    + SEALED_LENGTH + " sealed bytes, found " + nonce.length + " and " + sealed.length);
        }
        nonce = nonce.clone();
        sealed = sealed.clone();
    }

    /** The bytes the GCM tag covers besides the ciphertext's: header, flags, session. */
    public static byte[] header(boolean replyRequested, long session) {
        return ByteBuffer.allocate(HEADER_LENGTH).put(FrameType.KEY_OFFER.header())
                .put((byte) (replyRequested ? REPLY_REQUESTED : 0)).putLong(session).array();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] sealed() {
        return sealed.clone();
    }

    @Override
    public void writeTo(ByteBuffer out) {
        out.put(header(replyRequested, session)).put(nonce).put(sealed);
    }

    @Override
    public int size() {
        return SIZE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyOffer k && replyRequested == k.replyRequested && session == k.session
                && Arrays.equals(nonce, k.nonce) && Arrays.equals(sealed, k.sealed);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(session) + Arrays.hashCode(sealed);
    }

    @Override
    public String toString() {
        return "KeyOffer[replyRequested=" + replyRequested + ", session=" + Long.toUnsignedString(session) + "]";
    }
}
