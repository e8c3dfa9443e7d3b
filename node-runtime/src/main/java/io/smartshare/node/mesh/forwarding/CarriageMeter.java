package io.smartshare.node.mesh.forwarding;

import io.smartshare.ledger.identity.NodeId;

/**
 * Counts relay service between neighbours, both ways, so that each side of a hop meters the
 * same exchange (docs/contracts.md §5): when this node forwards a request to a next hop that
 * is not the target and gets an answer, the next hop served this node ({@link
 * CarriageSnapshot#consumedFrom()}); when it forwards a request that came from a mesh
 * neighbour, it served that neighbour ({@link CarriageSnapshot#providedTo()}). Not
 * thread-safe.
 */
public final class CarriageMeter {
    /**
     * Peers the node's meter ({@code metering.PeerMeter}) keeps at most. This meter, which
     * counts since the start, keeps twice as many, so that the peers stored from earlier runs
     * still fit whatever new peers came first; later new peers are carried but not counted
     * ({@link #peersRefused()}).
     */
    public static final int MAX_PEERS = PeerCounts.MAX_PEERS;

    private final PeerCounts<Carriage> providedTo = new PeerCounts<>(Carriage.ZERO, 2 * MAX_PEERS);
    private final PeerCounts<Carriage> consumedFrom = new PeerCounts<>(Carriage.ZERO, 2 * MAX_PEERS);

    /** This node relayed an exchange for {@code upstream}: {@code up} request and {@code down} response bytes. */
    public void carriedFor(NodeId upstream, int up, int down) {
        providedTo.add(upstream, old -> old.plus(up, down));
    }

    /** {@code nextHop} relayed an exchange for this node. */
    public void carriedBy(NodeId nextHop, int up, int down) {
        consumedFrom.add(nextHop, old -> old.plus(up, down));
    }

    /** An immutable copy of the counts. */
    public CarriageSnapshot snapshot() {
        return new CarriageSnapshot(providedTo.counts(), consumedFrom.counts());
    }

    /** Exchanges not counted because they were with a new peer and twice {@link #MAX_PEERS} peers were counted already. */
    public long peersRefused() {
        return providedTo.refused() + consumedFrom.refused();
    }
}
