package io.smartshare.node.mesh.routing;

import io.smartshare.node.mesh.wire.RepairRequest;

/** What a node does with a repair request (docs/mesh-protocol.md, "Repair"). A pure function. */
public final class RepairPolicy {
    /** The possible answers. */
    public enum Action {
        /** Nothing: this node has no route, or is behind the requester's epoch. */
        IGNORE,
        /** Reset Trickle: this node's next hello rescues the requester. */
        ADVERTISE,
        /** Ask the gateway for a new epoch: relay to the parent, or start one if this is a gateway. */
        NEW_EPOCH
    }

    private RepairPolicy() {
    }

    /**
     * @param attached whether this node has a route (or is a gateway)
     * @param epoch this node's epoch
     * @param rank this node's rank
     */
    public static Action decide(RepairRequest request, boolean attached, long epoch, int rank) {
        if (!attached || request.epoch() > epoch) {
            return Action.IGNORE;
        }
        if (request.epoch() < epoch || rank < request.feasibleDistance()) {
            return Action.ADVERTISE;
        }
        return Action.NEW_EPOCH;
    }
}
