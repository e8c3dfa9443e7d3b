package io.smartshare.node.cli;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.mesh.RoutePosition;
import io.smartshare.node.mesh.coap.MeshChange;
import java.util.Optional;

/**
 * A fault a {@code sim} run injects, timed from {@code atNanos} until the mesh heals around
 * it: node {@code a} killed ({@code b} empty), or the link between {@code a} and {@code b}
 * cut. Immutable; {@link #noticed} gives the fault once a neighbour has detected it.
 */
record SimFault(NodeId a, Optional<NodeId> b, long atNanos, boolean detected) {
    static SimFault kill(NodeId node) {
        return new SimFault(node, Optional.empty(), System.nanoTime(), false);
    }

    static SimFault cut(NodeId a, NodeId b) {
        return new SimFault(a, Optional.of(b), System.nanoTime(), false);
    }

    /** Whether {@code down} is a node noticing this fault: the killed node gone, or the far end of the cut link. */
    boolean detectedBy(MeshChange.NeighborDown down) {
        return b.map(other -> down.node().equals(a) && down.neighbor().equals(other)
                || down.node().equals(other) && down.neighbor().equals(a)).orElse(down.neighbor().equals(a));
    }

    /** Whether node {@code node}, with route {@code p}, has a route that does not use what failed. */
    boolean avoidedBy(NodeId node, RoutePosition p) {
        if (p.gateway()) {
            return true;
        }
        if (p.parent().isEmpty()) {
            return false;
        }
        NodeId parent = p.parent().get();
        return b.map(other -> !(node.equals(a) && parent.equals(other) || node.equals(other) && parent.equals(a)))
                .orElse(!parent.equals(a));
    }

    SimFault noticed() {
        return new SimFault(a, b, atNanos, true);
    }

    double secondsSince() {
        return (System.nanoTime() - atNanos) / 1e9;
    }
}
