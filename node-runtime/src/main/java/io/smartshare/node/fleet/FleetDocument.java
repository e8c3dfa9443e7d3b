package io.smartshare.node.fleet;

import io.smartshare.ledger.identity.NodeId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/** The {@code /fleet} document, which the fleet page reads as {@code fleet.json} (docs/fleet.md). */
final class FleetDocument {
    private final NodeId self;
    private final FleetRoster roster;
    private final LongSupplier clock;

    FleetDocument(NodeId self, FleetRoster roster, LongSupplier clock) {
        this.self = self;
        this.roster = roster;
        this.clock = clock;
    }

    Map<String, Object> document() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("node", self.value());
        doc.put("at", clock.getAsLong());
        List<Object> members = roster.members().stream().map(m -> (Object) m.document()).toList();
        doc.put("members", members);
        return doc;
    }
}
