package io.smartshare.node.telemetry;

import io.smartshare.node.mesh.coap.MeshChange;
import io.smartshare.node.rewards.RewardsEvent;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The events of the node's event bus that go to {@code …/events}, as their {@code type} and
 * fields (docs/mqtt.md, "events"): mesh changes ({@code mesh_neighbor_up}, {@code
 * mesh_neighbor_down}, {@code mesh_route}, with the fields of their log line) and rewards
 * events ({@code ReceiptIssued}, {@code ReceiptAccepted}, {@code ChannelChanged}, with their
 * record's fields).
 */
final class TelemetryEvents {
    private TelemetryEvents() {
    }

    /** A mesh change: the key=value pairs of its log line, {@code event} as the type. */
    static Map<String, Object> mesh(MeshChange change) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String pair : change.line().split(" ")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        fields.remove("node");
        return fields;
    }

    /** A rewards event: its record's components, numbers as numbers. */
    static Map<String, Object> rewards(RewardsEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (RecordComponent c : event.getClass().getRecordComponents()) {
            try {
                Object value = c.getAccessor().invoke(event);
                fields.put(c.getName(), value instanceof Number ? value : String.valueOf(value));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + event.getClass(), e);
            }
        }
        return fields;
    }
}
