package io.smartshare.node.mesh.forwarding;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.mesh.forwarding.ForwardingDecision.Deliver;
import io.smartshare.node.mesh.forwarding.ForwardingDecision.Drop;
import io.smartshare.node.mesh.forwarding.ForwardingDecision.DropReason;
import io.smartshare.node.mesh.forwarding.ForwardingDecision.Forward;
import io.smartshare.node.mesh.wire.DataPacket;
import java.util.Optional;

/**
 * Decides the next hop of a data packet: local delivery, else a registered route down, else
 * the preferred parent up, unless the packet came from that parent; relays decrement the hop
 * limit and drop the packet when it would reach 0 (RFC 8768). A pure function.
 */
public final class Forwarder {
    private Forwarder() {
    }

    /**
     * @param self this node
     * @param previousHop the neighbour the packet came from, empty if this node originates it
     * @param packet the packet as received, or as this node built or already relayed it
     * @param relay true if this node received the packet from a neighbour and now relays it
     *     (the hop limit is checked and decremented); false when it originates the packet or
     *     sends it again after its first next hop died
     * @param down the registered next hop towards the destination, if any
     * @param parent the preferred parent, empty for a gateway or a poisoned node
     */
    public static ForwardingDecision decide(NodeId self, DataPacket packet, Optional<NodeId> previousHop, boolean relay,
                                            Optional<NodeId> down, Optional<NodeId> parent) {
        if (packet.destination().equals(self)) {
            return new Deliver(packet);
        }
        if (relay && packet.hopLimit() <= 1) {
            return new Drop(DropReason.HOP_LIMIT_EXHAUSTED);
        }
        DataPacket outgoing = relay ? packet.relayed() : packet;
        if (down.isPresent()) {
            return new Forward(down.get(), false, outgoing);
        }
        if (parent.isEmpty() || parent.equals(previousHop)) {
            // going down with no route down: sending it back up would only bounce it (RFC 6550 11.2)
            return new Drop(DropReason.NO_ROUTE);
        }
        return new Forward(parent.get(), true, outgoing);
    }
}
