package io.smartshare.node.mesh.neighbor;

import io.smartshare.node.mesh.link.LinkAddress;

/**
 * One link of a {@link NeighborView}. Immutable.
 *
 * @param address where the neighbour is heard on this medium
 * @param alive false once this link was declared dead (until heard on it again)
 * @param etx the link's expected transmission count
 * @param lastHeardMillisAgo time since any frame over this link
 */
public record LinkView(LinkAddress address, boolean alive, double etx, long lastHeardMillisAgo) {
}
