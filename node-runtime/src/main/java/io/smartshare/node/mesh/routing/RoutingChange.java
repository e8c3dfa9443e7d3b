package io.smartshare.node.mesh.routing;

import io.smartshare.ledger.identity.NodeId;
import java.util.Optional;

/**
 * What one routing update changed, so the node knows what to send.
 *
 * @param parentChanged the preferred parent is different (register downward routes with it)
 * @param poisoned the node just lost its last feasible parent and now advertises infinite rank
 * @param advertiseNow the change is worth advertising at once (Trickle reset)
 * @param formerParent the parent before a change of parent, if there was one
 */
public record RoutingChange(boolean parentChanged, boolean poisoned, boolean advertiseNow, Optional<NodeId> formerParent) {
    static final RoutingChange NONE = new RoutingChange(false, false, false, Optional.empty());
}
