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
 * the preferred parent up; relays decrement the hop limit and drop the packet when it would
 * reach 0 (RFC 8768). A pure function.
 */
public final class Forwarder {
    private Forwarder() {
    }

    /**
     * @param self this node
     * @param packet the packet as received (or as built, when {@code originated})
     * @param originated true if this node is the source (no decrement)
     * @param down the registered next hop towards the destination, if any
     * @param parent the preferred parent, empty for a gateway or a poisoned node
     */
    public static ForwardingDecision decide(NodeId self, DataPacket packet, boolean originated, Optional<NodeId> down,
                                            Optional<NodeId> parent) {
        if (packet.destination().equals(self)) {
            return new Deliver(packet);
        }
        if (!originated && packet.hopLimit() <= 1) {
            return new Drop(DropReason.HOP_LIMIT_EXHAUSTED);
        }
        DataPacket outgoing = originated ? packet : packet.relayed();
        if (down.isPresent()) {
            return new Forward(down.get(), false, outgoing);
        }
        return parent.<ForwardingDecision>map(p -> new Forward(p, true, outgoing))
                .orElse(new Drop(DropReason.NO_ROUTE));
    }
}
