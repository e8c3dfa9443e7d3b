package io.smartshare.node.mesh;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.mesh.routing.DownwardRoute;
import java.util.List;

/**
 * What {@code /mesh/routes} shows. Immutable.
 *
 * @param self this node
 * @param position the upward route (rank, parents)
 * @param downward the registered routes down the tree, sorted by target
 */
public record RoutesView(NodeId self, RoutePosition position, List<DownwardRoute> downward) {
    public RoutesView {
        downward = List.copyOf(downward);
    }
}
