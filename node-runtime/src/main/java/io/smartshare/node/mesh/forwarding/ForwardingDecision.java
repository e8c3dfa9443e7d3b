package io.smartshare.node.mesh.forwarding;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.mesh.wire.DataPacket;

/** What to do with one data packet at one node. */
public sealed interface ForwardingDecision {
    /** The packet is for this node. */
    record Deliver(DataPacket packet) implements ForwardingDecision {
    }

    /**
     * Send {@code packet} (hop limit already decremented when relaying) to {@code nextHop}.
     *
     * @param upward true towards the gateway (default route), false down a registered route
     */
    record Forward(NodeId nextHop, boolean upward, DataPacket packet) implements ForwardingDecision {
    }

    /** Discard it. */
    record Drop(DropReason reason) implements ForwardingDecision {
    }

    /** Why a packet was discarded. */
    enum DropReason {
        /** The hop limit would reach 0 at the next hop (RFC 8768, CoAP 5.08). */
        HOP_LIMIT_EXHAUSTED,
        /** No registered route down and no parent up (or this is the gateway and the target is unknown). */
        NO_ROUTE,
        /** The next hop is not a live neighbour. */
        NEXT_HOP_DOWN,
        /** The confirmable transmission to the next hop timed out. */
        LINK_FAILED
    }
}
