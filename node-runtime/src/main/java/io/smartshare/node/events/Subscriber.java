package io.smartshare.node.events;

import io.smartshare.node.logging.RefusalLog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscription to the {@link EventBus}: a bounded queue of events of one type and the
 * thread that hands them to the handler. Made by {@link EventBus#subscribe}.
 */
public final class Subscriber<T> {
    private static final Logger LOG = LoggerFactory.getLogger(Subscriber.class);
    private static final RefusalLog FAILURES = RefusalLog.of(LOG);

    private final String name;
    private final Class<T> type;
    private final Consumer<? super T> handler;
    private final BlockingQueue<T> queue;
    private final Thread thread;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    Subscriber(String name, Class<T> type, Consumer<? super T> handler, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("subscriber queue: expected at least 1, found " + capacity);
        }
        this.name = name;
        this.type = type;
        this.handler = handler;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::deliver, "events-" + name);
        thread.setDaemon(true);
    }

    /** Who subscribed. */
    public String name() {
        return name;
    }

    /** Events delivered to the handler (including those it failed on). */
    public long delivered() {
        return delivered.get();
    }

    /** Events dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    void start() {
        thread.start();
    }

    void stop() {
        thread.interrupt();
    }

    void offer(Object event) {
        if (type.isInstance(event) && !queue.offer(type.cast(event))) {
            dropped.incrementAndGet();
        }
    }

    private void deliver() {
        while (!Thread.currentThread().isInterrupted()) {
            T event;
            try {
                event = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                handler.accept(event);
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                FAILURES.refused("event-handler-failed", "subscriber={} event={} error=\"{}\"", name,
                        event.getClass().getSimpleName(), e.toString());
            }
            delivered.incrementAndGet();
        }
    }

    Map<String, Object> toDocument() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("type", type.getSimpleName());
        doc.put("delivered", delivered.get());
        doc.put("dropped", dropped.get());
        doc.put("failed", failed.get());
        doc.put("queued", queue.size());
        return doc;
    }
}
