package io.smartshare.node.mesh.coap;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.mesh.MeshNode;
import io.smartshare.node.mesh.link.Medium;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Maps between UDP socket addresses and live mesh neighbours of a node, for services that
 * talk to neighbours over CoAP outside the mesh's own frames (receipts). Thread-safe.
 */
public final class NeighborAddresses {
    private final MeshNode node;

    public NeighborAddresses(MeshNode node) {
        this.node = node;
    }

    /** The live neighbour whose mesh frames come from {@code source}, if any. */
    public Optional<NodeId> neighborAt(InetSocketAddress source) {
        return node.neighborAt(LinkAddresses.of(source));
    }

    /** Where a request for {@code target} goes first: straight to it, or to the next hop of the mesh's route to it. */
    public record Route(InetSocketAddress address, boolean direct) {
    }

    /**
     * How to reach {@code target} over IP: straight if it is a live neighbour, else through
     * the next hop the mesh routes it to ({@code /mesh/relay/<target>/…} there); empty without a route.
     */
    public Optional<Route> routeTo(NodeId target) {
        Optional<InetSocketAddress> direct = addressOf(target);
        if (direct.isPresent()) {
            return Optional.of(new Route(direct.get(), true));
        }
        return node.nextHop(target, Medium.IP).map(next -> new Route(LinkAddresses.toSocket(next), false));
    }

    /** Where the live neighbour {@code id} is reached over IP, if it is one with a live IP link. */
    public Optional<InetSocketAddress> addressOf(NodeId id) {
        return node.neighbors().stream().filter(n -> n.id().equals(id)).findFirst()
                .flatMap(n -> n.liveLink(Medium.IP)).map(LinkAddresses::toSocket);
    }
}
