package io.smartshare.node.mesh.wire;

import java.nio.ByteBuffer;

/**
 * Sent by a node left without a feasible parent (multicast to its neighbours, then relayed
 * confirmable up the tree by an attached neighbour) to ask a gateway for a new epoch.
 * Layout (7 bytes): header, epoch u32, feasible distance u16 of the requester.
 *
 * @param epoch the requester's epoch
 * @param feasibleDistance the lowest rank the requester advertised in that epoch; a
 *     neighbour with a lower rank can rescue it without a new epoch
 */
public record RepairRequest(long epoch, int feasibleDistance) implements Frame {
    /** Encoded size in bytes. */
    public static final int SIZE = 7;

    public RepairRequest {
        if (epoch < 0 || epoch > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("repair epoch: expected unsigned 32-bit, found " + epoch);
        }
        if (feasibleDistance < 0 || feasibleDistance > 0xFFFF) {
            throw new IllegalArgumentException("repair feasible distance: expected 0..65535, found " + feasibleDistance);
        }
    }

    @Override
    public void writeTo(ByteBuffer out) {
        out.put(FrameType.REPAIR_REQUEST.header()).putInt((int) epoch).putShort((short) feasibleDistance);
    }

    @Override
    public int size() {
        return SIZE;
    }
}
