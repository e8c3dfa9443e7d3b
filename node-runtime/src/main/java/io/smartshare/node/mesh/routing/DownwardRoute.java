package io.smartshare.node.mesh.routing;

import io.smartshare.ledger.identity.NodeId;

/**
 * One downward route, as shown by {@code /mesh/routes}.
 *
 * @param target the node reached
 * @param via the child (a neighbour) packets for it go to
 * @param expiresInMillis time left before it expires without a refresh
 */
public record DownwardRoute(NodeId target, NodeId via, long expiresInMillis) {
}
