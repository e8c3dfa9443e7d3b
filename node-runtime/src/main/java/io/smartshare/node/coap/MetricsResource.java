package io.smartshare.node.coap;

import io.smartshare.node.scheduling.NodeScheduler;
import io.smartshare.node.scheduling.PeriodicTask;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.eclipse.californium.core.coap.CoAP;

/**
 * {@code /metrics}, observable: uptime, the JVM's heap and threads, each endpoint's request
 * counts and the state of its bounds ({@link EndpointBounds}) under its scheme ({@code coap},
 * {@code coaps}) and the observe relations ({@code observe}), then the sections the node's
 * core and services add (the ledger, the board's meters, tasks, events, the mesh), sorted by name.
 * Observers are notified every {@code metrics-interval-seconds} (a setting that takes
 * effect at the next notification).
 */
final class MetricsResource extends DocumentResource {
    private final Uptime uptime;
    private final Map<String, Supplier<Map<String, Object>>> counters;
    private final Map<String, Supplier<Map<String, Object>>> sections;
    private final IntSupplier intervalSeconds;
    private PeriodicTask notifications;

    /**
     * @param counters the endpoints' counters by scheme, and the observe relations' ({@code observe})
     * @param sections the other sections, read per request (a live map: services add theirs as they start)
     */
    MetricsResource(Uptime uptime, Map<String, Supplier<Map<String, Object>>> counters,
            Map<String, Supplier<Map<String, Object>>> sections, IntSupplier intervalSeconds) {
        super("metrics", "smartshare.metrics", "core.s");
        this.uptime = uptime;
        this.counters = Map.copyOf(counters);
        this.sections = sections;
        this.intervalSeconds = intervalSeconds;
        setObservable(true);
        setObserveType(CoAP.Type.NON);
        getAttributes().setObservable();
    }

    /** Starts periodic notifications on {@code scheduler}. */
    synchronized void startNotifications(NodeScheduler scheduler) {
        notifications = scheduler.every("metrics-notifications",
                () -> Duration.ofSeconds(intervalSeconds.getAsInt()), this::changed);
    }

    synchronized void stopNotifications() {
        if (notifications != null) {
            notifications.cancel();
        }
    }

    @Override
    protected Map<String, Object> document(QueryParameters query) {
        Runtime runtime = Runtime.getRuntime();
        Map<String, Object> jvm = new LinkedHashMap<>();
        jvm.put("heap-used-bytes", runtime.totalMemory() - runtime.freeMemory());
        jvm.put("heap-max-bytes", runtime.maxMemory());
        ProcessMemory.residentBytes().ifPresent(rss -> jvm.put("rss-bytes", rss));
        jvm.put("threads", ProcessMemory.liveThreads());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("uptime-seconds", uptime.seconds());
        doc.put("jvm", jvm);
        counters.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> doc.put(e.getKey(), e.getValue().get()));
        sections.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> doc.put(e.getKey(), e.getValue().get()));
        return doc;
    }
}
