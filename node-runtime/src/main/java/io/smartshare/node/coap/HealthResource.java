package io.smartshare.node.coap;

import io.smartshare.hal.health.DriverHealth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /health}: {@code status} is {@code up} when every component is up and
 * {@code degraded} when any is degraded (failing now) or absent (a driver the board asked
 * for but this device lacks), except an absent one the board calls optional (a sensor with
 * {@code optional: true}); then one entry per component with its driver, when not up the
 * reason, and {@code optional} if so; then every service with its state ({@code running}, or
 * {@code off} with the reason: a service the board or the operator config leaves out does not
 * degrade the node).
 */
final class HealthResource extends DocumentResource {
    private final Supplier<List<DriverHealth>> components;
    private final Supplier<List<ServiceStatus>> services;

    HealthResource(Supplier<List<DriverHealth>> components, Supplier<List<ServiceStatus>> services) {
        super("health", "smartshare.health", "core.rp");
        this.components = components;
        this.services = services;
    }

    @Override
    protected Map<String, Object> document(QueryParameters query) {
        boolean allUp = true;
        List<Object> entries = new ArrayList<>();
        for (DriverHealth health : components.get()) {
            allUp &= health.fine();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("component", health.component());
            entry.put("driver", health.driver());
            entry.put("state", health.state().name().toLowerCase(Locale.ROOT));
            if (!health.reason().isEmpty()) {
                entry.put("reason", health.reason());
            }
            if (health.optional()) {
                entry.put("optional", true);
            }
            entries.add(entry);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("status", allUp ? "up" : "degraded");
        doc.put("components", entries);
        List<Object> serviceEntries = new ArrayList<>();
        for (ServiceStatus service : services.get()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", service.name());
            entry.put("state", service.state());
            if (!service.reason().isEmpty()) {
                entry.put("reason", service.reason());
            }
            serviceEntries.add(entry);
        }
        doc.put("services", serviceEntries);
        return doc;
    }
}
