package io.smartshare.node.mesh.wire;

import java.nio.ByteBuffer;

/**
 * A 4-byte liveness beacon: header, sequence u8 (wraps), key tag u16 (the first two bytes
 * of the sender's public key). Unsigned: it only keeps an already verified neighbour alive
 * and feeds its link estimate; it never changes a route by itself.
 *
 * @param sequence 0..255, incremented per beacon
 * @param keyTag 0..65535
 */
public record Heartbeat(int sequence, int keyTag) implements Frame {
    /** Encoded size in bytes. */
    public static final int SIZE = 4;

    public Heartbeat {
        if (sequence < 0 || sequence > 0xFF) {
            throw new IllegalArgumentException("heartbeat sequence: expected 0..255, found " + sequence);
        }
        if (keyTag < 0 || keyTag > 0xFFFF) {
            throw new IllegalArgumentException("heartbeat key tag: expected 0..65535, found " + keyTag);
        }
    }

    /** The key tag of a public key: its first two bytes, big-endian. */
    public static int keyTagOf(byte[] publicKey) {
        return ((publicKey[0] & 0xff) << 8) | (publicKey[1] & 0xff);
    }

    @Override
    public void writeTo(ByteBuffer out) {
        out.put(FrameType.HEARTBEAT.header()).put((byte) sequence).putShort((short) keyTag);
    }

    @Override
    public int size() {
        return SIZE;
    }
}
