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
 * @param downwardRefused targets of registrations refused because the table of downward
 *     routes was full (its capacity is in docs/mesh-protocol.md)
 */
public record RoutesView(NodeId self, RoutePosition position, List<DownwardRoute> downward, long downwardRefused) {
    public RoutesView {
        downward = List.copyOf(downward);
    }
}
