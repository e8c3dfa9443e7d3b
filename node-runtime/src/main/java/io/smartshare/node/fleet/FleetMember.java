package io.smartshare.node.fleet;

import io.smartshare.ledger.identity.NodeId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A member as its gateway reports it: its latest verified summary, whether it answered the
 * last time it was asked, since when, and why not. Immutable.
 *
 * @param node the member
 * @param summary its latest verified summary (none if it never answered)
 * @param online whether it answered the last time it was asked and the routes reach it
 * @param changedAtMillis when it last answered, or when it went offline
 * @param problem why it is offline (empty when online)
 */
public record FleetMember(NodeId node, Optional<MemberSummary> summary, boolean online, long changedAtMillis,
        String problem) {
    /** This member gone offline at {@code nowMillis} for {@code reason}, its last summary kept. */
    FleetMember offline(long nowMillis, String reason) {
        return new FleetMember(node, summary, false, nowMillis, reason);
    }

    /** As {@code /fleet} and the fleet page show it (docs/fleet.md). */
    public Map<String, Object> document() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("node", node.value());
        doc.put("online", online);
        doc.put("updated", changedAtMillis);
        if (!problem.isEmpty()) {
            doc.put("problem", problem);
        }
        summary.ifPresent(s -> doc.put("summary", s.document()));
        return doc;
    }
}
