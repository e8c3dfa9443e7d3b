package io.smartshare.node.mesh.wire;

import io.smartshare.hal.dataplane.IpPrefix;
import io.smartshare.ledger.identity.NodeId;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A downward-route registration (RPL DAO, storing mode), sent confirmable to the preferred
 * parent: "these targets are reachable through me". Layout: header, count u8 (1..32), then
 * per target: node id (26 ASCII base32 characters, without the leading "ss"), path
 * sequence u32, lifetime in seconds u16, number of announced prefixes u8 (0..4), and per
 * prefix: family u8 (4 or 6), length u8, address (4 or 16 bytes, host bits zero).
 *
 * @param targets 1 to {@link #MAX_TARGETS} entries, {@link #MAX_SIZE} bytes at most in all
 */
public record Registration(List<Target> targets) implements Frame {
    /** Largest number of targets in one frame. */
    public static final int MAX_TARGETS = 32;
    /** Largest frame: 32 targets without prefixes (keeps a frame under 1,100 bytes). */
    public static final int MAX_SIZE = 2 + MAX_TARGETS * (NodeIds.WIRE_LENGTH + 4 + 2 + 1);

    public Registration {
        if (targets.isEmpty() || targets.size() > MAX_TARGETS) {
            throw new IllegalArgumentException("registration: expected 1.." + MAX_TARGETS + " targets, found " + targets.size());
        }
        targets = List.copyOf(targets);
        int size = 2 + targets.stream().mapToInt(Target::size).sum();
        if (size > MAX_SIZE) {
            throw new IllegalArgumentException("registration: expected at most " + MAX_SIZE + " bytes, found " + size);
        }
    }

    @Override
    public void writeTo(ByteBuffer out) {
        out.put(FrameType.REGISTRATION.header()).put((byte) targets.size());
        for (Target t : targets) {
            NodeIds.put(out, t.node());
            out.putInt((int) t.pathSequence()).putShort((short) t.lifetimeSeconds()).put((byte) t.prefixes().size());
            for (IpPrefix p : t.prefixes()) {
                out.put((byte) (p.address() instanceof Inet4Address ? 4 : 6)).put((byte) p.length())
                        .put(p.address().getAddress());
            }
        }
    }

    @Override
    public int size() {
        return 2 + targets.stream().mapToInt(Target::size).sum();
    }

    /**
     * One registered target.
     *
     * @param node the node that can be reached
     * @param pathSequence the target's registration counter, unsigned 32 bits; newer wins
     * @param lifetimeSeconds how long the route may be kept without a refresh, 1..65535
     * @param prefixes the prefixes the target announces (its LAN), 0 to {@link #MAX_PREFIXES},
     *     host bits zero; whether a router accepts them is its data plane's policy
     */
    public record Target(NodeId node, long pathSequence, int lifetimeSeconds, List<IpPrefix> prefixes) {
        /** Most prefixes one target announces. */
        public static final int MAX_PREFIXES = 4;
        static final int FIXED_SIZE = NodeIds.WIRE_LENGTH + 4 + 2 + 1;

        /** A target that announces no prefix. */
        public Target(NodeId node, long pathSequence, int lifetimeSeconds) {
            this(node, pathSequence, lifetimeSeconds, List.of());
        }

        public Target {
            if (pathSequence < 0 || pathSequence > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("registration path sequence: expected unsigned 32-bit, found " + pathSequence);
            }
            if (lifetimeSeconds < 1 || lifetimeSeconds > 0xFFFF) {
                throw new IllegalArgumentException("registration lifetime: expected 1..65535 s, found " + lifetimeSeconds);
            }
            prefixes = announceable(prefixes);
        }

        /**
         * {@code prefixes} as a target carries them.
         *
         * @throws IllegalArgumentException if there are more than {@link #MAX_PREFIXES}, or one has host bits set
         */
        public static List<IpPrefix> announceable(List<IpPrefix> prefixes) {
            if (prefixes.size() > MAX_PREFIXES) {
                throw new IllegalArgumentException("registration: expected at most " + MAX_PREFIXES + " prefixes, found "
                        + prefixes.size());
            }
            for (IpPrefix p : prefixes) {
                if (!p.isNetwork()) {
                    throw new IllegalArgumentException("registration prefix " + p + ": host bits must be zero");
                }
            }
            return List.copyOf(prefixes);
        }

        /** Encoded size in bytes. */
        public int size() {
            return FIXED_SIZE + prefixes.stream().mapToInt(p -> 2 + p.address().getAddress().length).sum();
        }
    }
}
