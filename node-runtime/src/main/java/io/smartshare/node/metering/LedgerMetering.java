package io.smartshare.node.metering;

import io.smartshare.hal.meter.IpLink;
import io.smartshare.hal.meter.MeterSnapshot;
import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.record.MeteringSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends what the node meters to its ledger, once per metering interval: for each metered
 * interface the bytes received and sent in the interval ({@code net.rx.<if>},
 * {@code net.tx.<if>}), the CPU time the node's process spent ({@code cpu.process}, ms) and
 * the bytes held in the shared directory at the end of the interval
 * ({@code storage.used}). The first interval after start only sets the baseline.
 */
public final class LedgerMetering {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerMetering.class);

    private final BoardMeters meters;
    private final Ledger ledger;
    private final IntSupplier intervalSeconds;
    private final Map<String, Long> previousCounters = new HashMap<>();
    private Instant previousAt;
    private ScheduledFuture<?> next;

    public LedgerMetering(BoardMeters meters, Ledger ledger, IntSupplier intervalSeconds) {
        this.meters = meters;
        this.ledger = ledger;
        this.intervalSeconds = intervalSeconds;
    }

    /** Takes the baseline now and appends every interval on {@code scheduler}. */
    public synchronized void start(ScheduledExecutorService scheduler) {
        MeterSnapshot baseline = meters.current();
        counters(baseline).forEach(previousCounters::put);
        previousAt = baseline.at();
        schedule(scheduler);
    }

    private void schedule(ScheduledExecutorService scheduler) {
        next = scheduler.schedule(() -> {
            appendInterval();
            synchronized (this) {
                if (!scheduler.isShutdown()) {
                    schedule(scheduler);
                }
            }
        }, intervalSeconds.getAsInt(), TimeUnit.SECONDS);
    }

    /** Stops appending; an append under way completes. */
    public synchronized void stop() {
        if (next != null) {
            next.cancel(false);
        }
    }

    synchronized void appendInterval() {
        MeterSnapshot now = meters.current();
        long periodMillis = Duration.between(previousAt, now.at()).toMillis();
        if (periodMillis <= 0) {
            return;
        }
        List<MeteringSample> samples = new ArrayList<>();
        counters(now).forEach((resource, value) -> {
            Long before = previousCounters.put(resource, value);
            if (before != null && value >= before) {
                samples.add(new MeteringSample(resource, value - before, unitOf(resource), periodMillis));
            }
        });
        now.storage().ifPresent(usage ->
                samples.add(new MeteringSample("storage.used", usage.usedBytes(), "B", periodMillis)));
        previousAt = now.at();
        for (MeteringSample sample : samples) {
            ledger.append(sample).whenComplete((record, error) -> {
                if (error != null) {
                    LOG.error("event=metering-append-failed resource={} error=\"{}\"", sample.resource(), error.toString());
                }
            });
        }
        LOG.debug("event=metered samples={} period-ms={}", samples.size(), periodMillis);
    }

    private static Map<String, Long> counters(MeterSnapshot snapshot) {
        Map<String, Long> counters = new TreeMap<>();
        for (IpLink link : snapshot.links()) {
            counters.put("net.rx." + link.name(), link.rxBytes());
            counters.put("net.tx." + link.name(), link.txBytes());
        }
        snapshot.cpu().ifPresent(times -> counters.put("cpu.process", times.process().toMillis()));
        return counters;
    }

    private static String unitOf(String resource) {
        return resource.startsWith("cpu.") ? "ms" : "B";
    }
}
