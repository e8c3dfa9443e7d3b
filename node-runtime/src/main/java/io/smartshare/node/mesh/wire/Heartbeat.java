package io.smartshare.node.mesh.wire;

import java.nio.ByteBuffer;

/**
 * A 3-byte liveness beacon, multicast: header, then a 2-byte tag that authenticates the
 * sender's beacon counter under the beacon key it handed each neighbour in its key offer
 * (docs/mesh-protocol.md, "Link authentication"). The counter itself is not sent: a receiver
 * finds it by trying the few values after the last one it verified. No sender field: the
 * receiver knows the sender by its link address. It only keeps that neighbour alive and feeds
 * its link estimate; it never changes a route by itself.
 *
 * @param tag the first 2 bytes of the beacon tag, as an unsigned 16-bit value
 */
public record Heartbeat(int tag) implements Frame {
    /** Encoded size in bytes. */
    public static final int SIZE = 3;
    /** Bytes of the tag. */
    public static final int TAG_LENGTH = 2;

    public Heartbeat {
        if (tag < 0 || tag > 0xFFFF) {
            throw new IllegalArgumentException("heartbeat tag: expected 16 bits, found " + tag);
        }
    }

    @Override
    public void writeTo(ByteBuffer out) {
        out.put(FrameType.HEARTBEAT.header()).putShort((short) tag);
    }

    @Override
    public int size() {
        return SIZE;
    }
}
