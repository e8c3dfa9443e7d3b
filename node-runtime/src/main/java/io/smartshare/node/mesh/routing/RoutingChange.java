package io.smartshare.node.mesh.routing;

/**
 * What one routing update changed, so the node knows what to send.
 *
 * @param parentChanged the preferred parent is different (register downward routes with it)
 * @param poisoned the node just lost its last feasible parent and now advertises infinite rank
 * @param advertiseNow the change is worth advertising at once (Trickle reset)
 */
public record RoutingChange(boolean parentChanged, boolean poisoned, boolean advertiseNow) {
    static final RoutingChange NONE = new RoutingChange(false, false, false);
}
