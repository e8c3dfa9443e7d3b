package io.smartshare.node.coap;

import io.smartshare.node.health.ComponentHealth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /health}: {@code status} is {@code up} when every component is up, {@code degraded}
 * when some work with less, {@code down} when one is down; then one entry per component.
 */
final class HealthResource extends DocumentResource {
    private final Supplier<List<ComponentHealth>> components;

    HealthResource(Supplier<List<ComponentHealth>> components) {
        super("health", "smartshare.health", "core.rp");
        this.components = components;
    }

    @Override
    protected Map<String, Object> document(QueryParameters query) {
        List<ComponentHealth> all = components.get();
        ComponentHealth.State worst = ComponentHealth.State.UP;
        List<Object> entries = new ArrayList<>();
        for (ComponentHealth health : all) {
            if (health.state().compareTo(worst) > 0) {
                worst = health.state();
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("component", health.component());
            entry.put("state", health.state().label());
            if (!health.reason().isEmpty()) {
                entry.put("reason", health.reason());
            }
            entries.add(entry);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("status", worst.label());
        doc.put("components", entries);
        return doc;
    }
}
