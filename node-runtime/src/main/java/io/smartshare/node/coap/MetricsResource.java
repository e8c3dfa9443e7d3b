package io.smartshare.node.coap;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.eclipse.californium.core.coap.CoAP;

/**
 * {@code /metrics}, observable: uptime, the board's meters (interfaces, storage, CPU), the
 * JVM's heap and threads, and per endpoint its request counts and the state of its bounds
 * ({@link EndpointBounds}).
 * Observers are notified every {@code metrics-interval-seconds} (a setting that takes
 * effect at the next notification).
 */
final class MetricsResource extends DocumentResource {
    private final Uptime uptime;
    private final Map<String, Supplier<Map<String, Object>>> counters;
    private final Supplier<Map<String, Object>> meters;
    private final IntSupplier intervalSeconds;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private ScheduledFuture<?> next;

    MetricsResource(Uptime uptime, Map<String, Supplier<Map<String, Object>>> counters, Supplier<Map<String, Object>> meters,
            IntSupplier intervalSeconds) {
        super("metrics", "smartshare.metrics", "core.s");
        this.uptime = uptime;
        this.counters = Map.copyOf(counters);
        this.meters = meters;
        this.intervalSeconds = intervalSeconds;
        setObservable(true);
        setObserveType(CoAP.Type.NON);
        getAttributes().setObservable();
    }

    /** Starts periodic notifications on {@code scheduler}. */
    synchronized void startNotifications(ScheduledExecutorService scheduler) {
        next = scheduler.schedule(() -> notifyAndReschedule(scheduler), intervalSeconds.getAsInt(), TimeUnit.SECONDS);
    }

    private synchronized void notifyAndReschedule(ScheduledExecutorService scheduler) {
        changed();
        if (!scheduler.isShutdown()) {
            next = scheduler.schedule(() -> notifyAndReschedule(scheduler), intervalSeconds.getAsInt(), TimeUnit.SECONDS);
        }
    }

    synchronized void stopNotifications() {
        if (next != null) {
            next.cancel(false);
        }
    }

    @Override
    protected Map<String, Object> document(QueryParameters query) {
        MemoryUsage heap = memory.getHeapMemoryUsage();
        Map<String, Object> jvm = new LinkedHashMap<>();
        jvm.put("heap-used-bytes", heap.getUsed());
        jvm.put("heap-max-bytes", heap.getMax());
        jvm.put("non-heap-used-bytes", memory.getNonHeapMemoryUsage().getUsed());
        jvm.put("threads", ManagementFactory.getThreadMXBean().getThreadCount());
        Map<String, Object> coap = new LinkedHashMap<>();
        counters.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> coap.put(e.getKey(), e.getValue().get()));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("uptime-seconds", uptime.seconds());
        doc.put("meters", meters.get());
        doc.put("jvm", jvm);
        doc.put("coap", coap);
        return doc;
    }
}
