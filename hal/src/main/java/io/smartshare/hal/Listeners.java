package io.smartshare.hal;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of one kind of event, as drivers keep them: adding returns a
 * {@link Subscription}, and a listener that throws is logged and does not stop the others.
 * Thread-safe.
 *
 * @param <T> the event type
 */
public final class Listeners<T> {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final String source;
    private final List<Consumer<? super T>> listeners = new CopyOnWriteArrayList<>();

    /** @param source names the event source in log lines, e.g. {@code pin=button} */
    public Listeners(String source) {
        this.source = source;
    }

    /** Adds {@code listener} until the returned subscription is closed. */
    public Subscription add(Consumer<? super T> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** True if nobody listens. */
    public boolean isEmpty() {
        return listeners.isEmpty();
    }

    /** Calls every listener with {@code event} on this thread. */
    public void fire(T event) {
        for (Consumer<? super T> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("event=listener-failed {} error=\"{}\"", source, e.toString());
            }
        }
    }
}
