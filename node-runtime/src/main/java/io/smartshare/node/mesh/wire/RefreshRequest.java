package io.smartshare.node.mesh.wire;

import java.nio.ByteBuffer;

/**
 * Sent confirmable by a node that changed parent to each of its children (RPL's DTSN
 * increment): "register again, with a new path sequence, and ask your children to". Fresh
 * sequences make the new routes win over stale copies of the old ones. Layout: the header
 * byte only.
 */
public record RefreshRequest() implements Frame {
    /** Encoded size in bytes. */
    public static final int SIZE = 1;

    @Override
    public void writeTo(ByteBuffer out) {
        out.put(FrameType.REFRESH_REQUEST.header());
    }

    @Override
    public int size() {
        return SIZE;
    }
}
