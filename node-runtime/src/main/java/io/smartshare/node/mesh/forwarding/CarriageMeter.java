package io.smartshare.node.mesh.forwarding;

import io.smartshare.ledger.identity.NodeId;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts relay service between neighbours, both ways, so that each side of a hop meters the
 * same exchange (docs/contracts.md §5): when this node forwards a request to a next hop that
 * is not the target and gets an answer, the next hop served this node ({@link
 * CarriageSnapshot#consumedFrom()}); when it forwards a request that came from a mesh
 * neighbour, it served that neighbour ({@link CarriageSnapshot#providedTo()}). Not
 * thread-safe.
 */
public final class CarriageMeter {
    private final Map<NodeId, Carriage> providedTo = new HashMap<>();
    private final Map<NodeId, Carriage> consumedFrom = new HashMap<>();

    /** This node relayed an exchange for {@code upstream}: {@code up} request and {@code down} response bytes. */
    public void carriedFor(NodeId upstream, int up, int down) {
        providedTo.merge(upstream, Carriage.ZERO.plus(up, down), (old, x) -> old.plus(up, down));
    }

    /** {@code nextHop} relayed an exchange for this node. */
    public void carriedBy(NodeId nextHop, int up, int down) {
        consumedFrom.merge(nextHop, Carriage.ZERO.plus(up, down), (old, x) -> old.plus(up, down));
    }

    /** An immutable copy of the counts. */
    public CarriageSnapshot snapshot() {
        return new CarriageSnapshot(providedTo, consumedFrom);
    }
}
