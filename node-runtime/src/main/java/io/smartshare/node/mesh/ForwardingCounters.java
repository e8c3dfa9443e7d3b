package io.smartshare.node.mesh;

import io.smartshare.node.mesh.forwarding.ForwardingDecision.DropReason;
import java.util.EnumMap;
import java.util.Map;

/**
 * Data packets this node handled since it started. Immutable.
 *
 * @param delivered packets for this node handed to the application
 * @param forwarded packets sent on to a next hop (originated or relayed)
 * @param dropped discarded packets by reason (every reason present, possibly 0)
 */
public record ForwardingCounters(long delivered, long forwarded, Map<DropReason, Long> dropped) {
    public ForwardingCounters {
        EnumMap<DropReason, Long> all = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            all.put(r, dropped.getOrDefault(r, 0L));
        }
        dropped = Map.copyOf(all);
    }
}
