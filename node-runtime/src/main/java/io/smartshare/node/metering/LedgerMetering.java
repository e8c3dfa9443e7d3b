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
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
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
    private final Consumer<Object> events;
    private long gap;
    private long missedIntervals;
    private final Map<String, Long> previousCounters = new HashMap<>();
    private Instant previousAt;

    /** @param events hears a {@link MeteredInterval} per interval appended */
    public LedgerMetering(BoardMeters meters, Ledger ledger, BooleanSupplier writable, Consumer<Object> events) {
        this.meters = meters;
        this.ledger = ledger;
        this.writable = writable;
        this.events = events;
    }

    /** Intervals skipped since start because the ledger could not be written. */
    public synchronized long missedIntervals() {
        return missedIntervals;
    }

    /** Takes the baseline: the first {@link #appendInterval()} covers the time since. */
    public synchronized void takeBaseline() {
        MeterSnapshot baseline = meters.current();
        counters(baseline).forEach(previousCounters::put);
        previousAt = baseline.at();
    }

    /** Appends the samples of the interval since the last call (or the baseline); once per metering interval. */
    public synchronized void appendInterval() {
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
        events.accept(new MeteredInterval(samples.size(), periodMillis));
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
