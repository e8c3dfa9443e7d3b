package io.smartshare.node.metering;

import io.smartshare.hal.meter.IpLink;
import io.smartshare.hal.meter.MeterSnapshot;
import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.record.MeteringSample;
import io.smartshare.node.logging.RefusalLog;
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
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends what the node meters to its ledger, once per metering interval: for each metered
 * interface the bytes received and sent in the interval ({@code net.rx.<if>},
 * {@code net.tx.<if>}), the CPU time the node's process spent ({@code cpu.process}, ms) and
 * the bytes held in the shared directory at the end of the interval
 * ({@code storage.used}). The first interval after start only sets the baseline.
 *
 * <p>While the ledger cannot be written ({@code writable} false: it failed, e.g. on a full
 * disk) intervals are skipped without moving the baseline, so the first sample after the
 * ledger is back covers the whole gap (its period says how long); the gap is logged once,
 * with the number of intervals it spans, and counted in {@link #missedIntervals()}.
 * Failed appends are logged at most once a minute.
 */
public final class LedgerMetering {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerMetering.class);
    private static final RefusalLog FAILURES = RefusalLog.of(LOG);

    private final BoardMeters meters;
    private final Ledger ledger;
    private final BooleanSupplier writable;
    private final IntSupplier intervalSeconds;
    private long gap;
    private long missedIntervals;
    private final Map<String, Long> previousCounters = new HashMap<>();
    private Instant previousAt;
    private ScheduledFuture<?> next;

    public LedgerMetering(BoardMeters meters, Ledger ledger, BooleanSupplier writable, IntSupplier intervalSeconds) {
        this.meters = meters;
        this.ledger = ledger;
        this.writable = writable;
        this.intervalSeconds = intervalSeconds;
    }

    /** Intervals skipped since start because the ledger could not be written. */
    public synchronized long missedIntervals() {
        return missedIntervals;
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
        if (!writable.getAsBoolean()) {
            gap++;
            missedIntervals++;
            return;
        }
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
        if (gap > 0) {
            LOG.warn("event=metering-gap intervals={} period-ms={} note=\"the ledger could not be written; these samples"
                    + " cover the whole gap\"", gap, periodMillis);
            gap = 0;
        }
        previousAt = now.at();
        for (MeteringSample sample : samples) {
            ledger.append(sample).whenComplete((record, error) -> {
                if (error != null) {
                    FAILURES.refused("metering-append-failed", "resource={} error=\"{}\"", sample.resource(),
                            error.getMessage());
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
