package io.smartshare.node.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The node's in-process event bus. Publishers hand an event (any immutable value: {@code
 * MeshChange}, {@code LedgerEvent}, {@code RewardsEvent}, {@code MeterInterval}) to {@link
 * #publish}, which never blocks and never runs a subscriber's code: each subscriber has its
 * own bounded queue and its own thread ({@link Subscriber}). When a subscriber's queue is full
 * the new event is dropped for that subscriber alone, and counted; publishers and other
 * subscribers do not notice. Thread-safe.
 */
public final class EventBus implements AutoCloseable {
    /** A subscriber's queue holds this many events unless it asks for another size. */
    public static final int DEFAULT_QUEUE = 256;

    private final List<Subscriber<?>> subscribers = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** Hands {@code event} to every subscriber of its type; drops it for those whose queue is full. */
    public void publish(Object event) {
        if (closed) {
            return;
        }
        for (Subscriber<?> subscriber : subscribers) {
            subscriber.offer(event);
        }
    }

    /**
     * Calls {@code handler} with every event of {@code type} published from now on, in
     * order, on a thread of its own named {@code events-<name>}; a handler that throws is
     * counted and logged, and keeps its subscription.
     *
     * @param name who subscribes, as {@code /metrics} names it (unique per bus)
     * @param queue events waiting beyond this are dropped (counted)
     */
    public <T> Subscriber<T> subscribe(String name, Class<T> type, Consumer<? super T> handler, int queue) {
        synchronized (subscribers) {
            if (closed) {
                throw new IllegalStateException("the event bus is closed");
            }
            if (subscribers.stream().anyMatch(s -> s.name().equals(name))) {
                throw new IllegalArgumentException("a subscriber named '" + name + "' exists already");
            }
            Subscriber<T> subscriber = new Subscriber<>(name, type, handler, queue);
            subscribers.add(subscriber);
            subscriber.start();
            return subscriber;
        }
    }

    /** {@link #subscribe(String, Class, Consumer, int)} with a queue of {@link #DEFAULT_QUEUE}. */
    public <T> Subscriber<T> subscribe(String name, Class<T> type, Consumer<? super T> handler) {
        return subscribe(name, type, handler, DEFAULT_QUEUE);
    }

    /** Ends {@code subscriber}'s subscription; events already queued are discarded. */
    public void unsubscribe(Subscriber<?> subscriber) {
        subscribers.remove(subscriber);
        subscriber.stop();
    }

    /** The {@code events} section of {@code /metrics}: per subscriber, delivered, dropped, failed and queued. */
    public Map<String, Object> toDocument() {
        Map<String, Object> doc = new LinkedHashMap<>();
        for (Subscriber<?> subscriber : subscribers) {
            doc.put(subscriber.name(), subscriber.toDocument());
        }
        return doc;
    }

    /** Stops every subscriber's thread; later events are ignored. */
    @Override
    public void close() {
        synchronized (subscribers) {
            closed = true;
        }
        for (Subscriber<?> subscriber : subscribers) {
            unsubscribe(subscriber);
        }
    }
}
