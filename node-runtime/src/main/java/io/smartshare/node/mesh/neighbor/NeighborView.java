package io.smartshare.node.mesh.neighbor;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.mesh.LinkAddress;

/**
 * One row of {@code /mesh/neighbors}. Immutable.
 *
 * @param id the neighbour
 * @param address where it was last heard
 * @param alive false once declared dead (until heard again)
 * @param etx the link's expected transmission count
 * @param rank its last advertised rank (65535 = infinite)
 * @param epoch the epoch of that rank
 * @param gateway whether it advertised a working uplink
 * @param uplinkKbps its advertised uplink capacity
 * @param lastHeardMillisAgo time since any frame from it
 */
public record NeighborView(NodeId id, LinkAddress address, boolean alive, double etx, int rank, long epoch,
                           boolean gateway, long uplinkKbps, long lastHeardMillisAgo) {
}
