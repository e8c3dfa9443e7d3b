package io.smartshare.node.mesh;

import io.smartshare.ledger.identity.NodeId;
import java.util.List;
import java.util.Optional;

/**
 * Where a node sits in the DODAG. Immutable.
 *
 * @param gateway true if it has a working uplink (a root)
 * @param epoch the DODAG epoch it is in
 * @param rank its rank, 65535 (infinite) when it has no route
 * @param parent its preferred parent, empty for a gateway or a node without a route
 * @param backups its backup parents, best first
 */
public record RoutePosition(boolean gateway, long epoch, int rank, Optional<NodeId> parent, List<NodeId> backups) {
    public RoutePosition {
        backups = List.copyOf(backups);
    }
}
