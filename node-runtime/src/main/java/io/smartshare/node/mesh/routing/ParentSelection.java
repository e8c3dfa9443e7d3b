package io.smartshare.node.mesh.routing;

import io.smartshare.ledger.identity.NodeId;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of parent selection. Immutable.
 *
 * @param epoch the epoch the node is in afterwards
 * @param rank its rank ({@link Rank#INFINITE} without a parent)
 * @param parent the preferred parent, empty when poisoned
 * @param backups further feasible parents, best first, used at once if the parent is lost
 */
public record ParentSelection(long epoch, int rank, Optional<NodeId> parent, List<NodeId> backups) {
    public ParentSelection {
        backups = List.copyOf(backups);
    }
}
