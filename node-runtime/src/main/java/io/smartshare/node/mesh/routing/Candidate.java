package io.smartshare.node.mesh.routing;

import io.smartshare.ledger.identity.NodeId;

/**
 * A live neighbour as a possible parent.
 *
 * @param id the neighbour
 * @param rank its advertised rank
 * @param epoch the epoch of that rank
 * @param linkMetric ETX * 128 of the link to it
 */
public record Candidate(NodeId id, int rank, long epoch, int linkMetric) {
    /** The rank this node would have through this neighbour (MRHOF: its rank plus the link metric). */
    int pathCost() {
        return rank + Math.max(Rank.MIN_HOP_RANK_INCREASE, linkMetric);
    }
}
