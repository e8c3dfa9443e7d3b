package io.smartshare.node.metering;

import io.smartshare.hal.device.Board;
import io.smartshare.hal.meter.IpLink;
import io.smartshare.hal.meter.MeterSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads the board's meters for {@code /metrics} and the ledger. Readings are cached for
 * {@value #MAX_AGE_MILLIS} ms, so monitoring load does not turn into a walk of the shared
 * directory per request.
 */
public final class BoardMeters {
    static final long MAX_AGE_MILLIS = 2_000;

    private final Board board;
    private MeterSnapshot cached;
    private long cachedAtNanos;

    public BoardMeters(Board board) {
        this.board = board;
    }

    /** A reading at most {@value #MAX_AGE_MILLIS} ms old. */
    public synchronized MeterSnapshot current() {
        long now = System.nanoTime();
        if (cached == null || now - cachedAtNanos > TimeUnit.MILLISECONDS.toNanos(MAX_AGE_MILLIS)) {
            cached = board.meters();
            cachedAtNanos = now;
        }
        return cached;
    }

    /** The {@code meters} section of {@code /metrics}. */
    public Map<String, Object> document() {
        MeterSnapshot snapshot = current();
        Map<String, Object> doc = new LinkedHashMap<>();
        List<Object> links = new ArrayList<>();
        for (IpLink link : snapshot.links()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", link.name());
            entry.put("role", link.role().name().toLowerCase(Locale.ROOT));
            entry.put("up", link.up());
            entry.put("rx-bytes", link.rxBytes());
            entry.put("tx-bytes", link.txBytes());
            links.add(entry);
        }
        doc.put("links", links);
        snapshot.storage().ifPresent(usage -> {
            Map<String, Object> storage = new LinkedHashMap<>();
            storage.put("path", usage.path().toString());
            storage.put("used-bytes", usage.usedBytes());
            storage.put("free-bytes", usage.freeBytes());
            storage.put("quota-bytes", usage.quotaBytes());
            doc.put("storage", storage);
        });
        snapshot.cpu().ifPresent(times -> {
            Map<String, Object> cpu = new LinkedHashMap<>();
            cpu.put("cores", times.cores());
            cpu.put("system-busy-millis", times.systemBusy().toMillis());
            cpu.put("system-total-millis", times.systemTotal().toMillis());
            cpu.put("process-millis", times.process().toMillis());
            cpu.put("share-cap-percent", board.cpu().shareCapPercent());
            doc.put("cpu", cpu);
        });
        return doc;
    }
}
