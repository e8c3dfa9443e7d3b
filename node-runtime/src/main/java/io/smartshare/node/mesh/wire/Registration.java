package io.smartshare.node.mesh.wire;

import io.smartshare.ledger.identity.NodeId;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A downward-route registration (RPL DAO, storing mode), sent confirmable to the preferred
 * parent: "these targets are reachable through me". Layout: header, count u8 (1..32), then
 * per target: node id (26 ASCII base32 characters, without the leading "ss"), path
 * sequence u32, lifetime in seconds u16.
 *
 * @param targets 1 to {@link #MAX_TARGETS} entries
 */
public record Registration(List<Target> targets) implements Frame {
    /** Largest number of targets in one frame (keeps a frame under 1,100 bytes). */
    public static final int MAX_TARGETS = 32;
    static final int TARGET_SIZE = NodeIds.WIRE_LENGTH + 4 + 2;

    public Registration {
        if (targets.isEmpty() || targets.size() > MAX_TARGETS) {
            throw new IllegalArgumentException("registration: expected 1.." + MAX_TARGETS + " targets, found " + targets.size());
        }
        targets = List.copyOf(targets);
    }

    @Override
    public void writeTo(ByteBuffer out) {
        out.put(FrameType.REGISTRATION.header()).put((byte) targets.size());
        for (Target t : targets) {
            NodeIds.put(out, t.node());
            out.putInt((int) t.pathSequence()).putShort((short) t.lifetimeSeconds());
        }
    }

    @Override
    public int size() {
        return 2 + targets.size() * TARGET_SIZE;
    }

    /**
     * One registered target.
     *
     * @param node the node that can be reached
     * @param pathSequence the target's registration counter, unsigned 32 bits; newer wins
     * @param lifetimeSeconds how long the route may be kept without a refresh, 1..65535
     */
    public record Target(NodeId node, long pathSequence, int lifetimeSeconds) {
        public Target {
            if (pathSequence < 0 || pathSequence > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("registration path sequence: expected unsigned 32-bit, found " + pathSequence);
            }
            if (lifetimeSeconds < 1 || lifetimeSeconds > 0xFFFF) {
                throw new IllegalArgumentException("registration lifetime: expected 1..65535 s, found " + lifetimeSeconds);
            }
        }
    }
}
