package io.smartshare.node.telemetry;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.fleet.FleetMember;
import io.smartshare.node.fleet.FleetView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which fleet members to publish at a metrics tick: those with a summary newer than the one
 * last published, or that went online or offline since. Remembers only members the fleet
 * still holds. Used on the scheduler's thread only.
 */
final class SummaryChanges {
    private record Published(long summaryAt, boolean online) {
    }

    private final FleetView fleet;
    private final Map<NodeId, Published> published = new HashMap<>();

    SummaryChanges(FleetView fleet) {
        this.fleet = fleet;
    }

    List<FleetMember> changed() {
        List<FleetMember> members = fleet.members().get();
        Set<NodeId> held = members.stream().map(FleetMember::node).collect(Collectors.toSet());
        published.keySet().retainAll(held);
        List<FleetMember> changed = new ArrayList<>();
        for (FleetMember m : members) {
            Published now = new Published(m.summary().map(s -> s.atMillis()).orElse(-1L), m.online());
            if (!now.equals(published.put(m.node(), now))) {
                changed.add(m);
            }
        }
        return changed;
    }
}
