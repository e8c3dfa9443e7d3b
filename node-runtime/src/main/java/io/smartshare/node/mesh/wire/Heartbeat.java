package io.smartshare.node.mesh.wire;

import java.nio.ByteBuffer;

/**
 * A 2-byte liveness beacon: header, sequence u8 (wraps). Unsigned and without any sender
 * field: the receiver knows the sender by the link address its signed hello came from. It
 * only keeps that neighbour alive and feeds its link estimate; it never changes a route by
 * itself.
 *
 * @param sequence 0..255, incremented per beacon
 */
public record Heartbeat(int sequence) implements Frame {
    /** Encoded size in bytes. */
    public static final int SIZE = 2;

    public Heartbeat {
        if (sequence < 0 || sequence > 0xFF) {
            throw new IllegalArgumentException("heartbeat sequence: expected 0..255, found " + sequence);
        }
    }

    @Override
    public void writeTo(ByteBuffer out) {
        out.put(FrameType.HEARTBEAT.header()).put((byte) sequence);
    }

    @Override
    public int size() {
        return SIZE;
    }
}
