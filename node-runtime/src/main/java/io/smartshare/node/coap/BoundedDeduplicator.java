package io.smartshare.node.coap;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.network.KeyMID;
import org.eclipse.californium.core.network.deduplication.Deduplicator;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.util.ClockUtil;

/**
 * Californium's duplicate detection with a bound on the whole table, not only on each peer.
 *
 * <p>Californium's per-peer mark-and-sweep deduplicator keeps every message (and its whole
 * exchange) for {@code EXCHANGE_LIFETIME} and a queue per source address: datagrams from
 * rotating source ports grow it without bound (about 100,000 such datagrams exhausted a
 * 32 MB heap). This one keeps at most {@code capacity} messages in arrival order. At the
 * bound the oldest is forgotten (counted in {@link #evicted()}): a retransmission of a
 * forgotten message is then handled again, as if it were new. Expired entries are swept every
 * {@code MARK_AND_SWEEP_INTERVAL}. Thread-safe.
 */
final class BoundedDeduplicator implements Deduplicator {
    private final int capacity;
    private final long lifetimeNanos;
    private final long sweepMillis;
    private final boolean replace;
    private final Map<KeyMID, Entry> entries = new LinkedHashMap<>();
    private final LongAdder evicted = new LongAdder();
    private ScheduledExecutorService executor;
    private ScheduledFuture<?> sweeper;

    private record Entry(Exchange exchange, long addedNanos) {
    }

    BoundedDeduplicator(Configuration config, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("deduplicator capacity must be at least 1, found " + capacity);
        }
        this.capacity = capacity;
        this.lifetimeNanos = config.get(CoapConfig.EXCHANGE_LIFETIME, TimeUnit.NANOSECONDS);
        this.sweepMillis = config.get(CoapConfig.MARK_AND_SWEEP_INTERVAL, TimeUnit.MILLISECONDS);
        this.replace = config.get(CoapConfig.DEDUPLICATOR_AUTO_REPLACE);
    }

    @Override
    public synchronized void start() {
        if (sweeper == null) {
            sweeper = executor.scheduleWithFixedDelay(this::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (sweeper != null) {
            sweeper.cancel(false);
            sweeper = null;
        }
        entries.clear();
    }

    @Override
    public synchronized void setExecutor(ScheduledExecutorService executor) {
        if (sweeper != null) {
            throw new IllegalStateException("the executor of a running deduplicator cannot change");
        }
        this.executor = executor;
    }

    @Override
    public synchronized Exchange findPrevious(KeyMID key, Exchange exchange) {
        Entry previous = live(key);
        if (previous != null && !(replace && previous.exchange().getOrigin() != exchange.getOrigin())) {
            return previous.exchange();
        }
        add(key, exchange);
        return null;
    }

    @Override
    public synchronized boolean replacePrevious(KeyMID key, Exchange previous, Exchange exchange) {
        Entry current = live(key);
        if (current != null && current.exchange() != previous) {
            return false;
        }
        add(key, exchange);
        return true;
    }

    @Override
    public synchronized Exchange find(KeyMID key) {
        Entry entry = live(key);
        return entry == null ? null : entry.exchange();
    }

    @Override
    public synchronized boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public synchronized int size() {
        return entries.size();
    }

    @Override
    public synchronized void clear() {
        entries.clear();
    }

    /** Messages forgotten early because the table was full. */
    long evicted() {
        return evicted.sum();
    }

    int capacity() {
        return capacity;
    }

    /** The entry under {@code key} if it has not expired; an expired one is removed. */
    private Entry live(KeyMID key) {
        Entry entry = entries.get(key);
        if (entry != null && ClockUtil.nanoRealtime() - entry.addedNanos() > lifetimeNanos) {
            entries.remove(key);
            return null;
        }
        return entry;
    }

    private void add(KeyMID key, Exchange exchange) {
        entries.remove(key);
        entries.put(key, new Entry(exchange, ClockUtil.nanoRealtime()));
        if (entries.size() > capacity) {
            Iterator<Entry> oldest = entries.values().iterator();
            oldest.next();
            oldest.remove();
            evicted.increment();
        }
    }

    private synchronized void sweep() {
        long now = ClockUtil.nanoRealtime();
        Iterator<Entry> it = entries.values().iterator();
        while (it.hasNext() && now - it.next().addedNanos() > lifetimeNanos) {
            it.remove();
        }
    }
}
