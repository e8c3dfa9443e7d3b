package io.smartshare.node.mesh.forwarding;

import io.smartshare.ledger.identity.NodeId;
import java.util.HashMap;
import java.util.Map;

/**
 * Relay service per neighbour since the node started, for receipts. Immutable.
 *
 * @param providedTo what this node carried for each neighbour (it is the provider)
 * @param consumedFrom what each neighbour carried for this node (it is the consumer)
 */
public record CarriageSnapshot(Map<NodeId, Carriage> providedTo, Map<NodeId, Carriage> consumedFrom) {
    public CarriageSnapshot {
        providedTo = Map.copyOf(providedTo);
        consumedFrom = Map.copyOf(consumedFrom);
    }

    /** Both added, neighbour by neighbour. */
    public CarriageSnapshot plus(CarriageSnapshot other) {
        Map<NodeId, Carriage> provided = new HashMap<>(providedTo);
        other.providedTo.forEach((id, c) -> provided.merge(id, c, Carriage::plus));
        Map<NodeId, Carriage> consumed = new HashMap<>(consumedFrom);
        other.consumedFrom.forEach((id, c) -> consumed.merge(id, c, Carriage::plus));
        return new CarriageSnapshot(provided, consumed);
    }
}
