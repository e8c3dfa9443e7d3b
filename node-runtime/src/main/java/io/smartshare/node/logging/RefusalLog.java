package io.smartshare.node.logging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Logs refused requests at a bounded rate: at most one line per kind of refusal per interval,
 * the first of the interval, and with it how many of that kind were not logged since the last
 * line ({@code suppressed=N}). So a flood of bad requests costs one line per kind per minute,
 * not one per datagram, and the operator still sees that it happens and how much.
 *
 * <p>Kinds are the caller's fixed event names, never text from the request, so the table has
 * as many entries as the code has kinds. Thread-safe.
 */
public final class RefusalLog {
    /** The default interval between two lines of one kind. */
    public static final long DEFAULT_INTERVAL_MILLIS = 60_000;

    private final Logger log;
    private final long intervalMillis;
    private final LongSupplier clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    private static final class Window {
        long startMillis;
        long suppressed;

        Window(long startMillis) {
            this.startMillis = startMillis;
        }
    }

    public RefusalLog(Logger log, long intervalMillis, LongSupplier clock) {
        this.log = log;
        this.intervalMillis = intervalMillis;
        this.clock = clock;
    }

    /** A log with the default interval on the wall clock. */
    public static RefusalLog of(Logger log) {
        return new RefusalLog(log, DEFAULT_INTERVAL_MILLIS, System::currentTimeMillis);
    }

    /**
     * Records one refusal of {@code kind}; logs {@code "event=<kind> <details> suppressed=N"} at
     * WARN if no line of that kind was written this interval. {@code details} is formatted only
     * when a line is written.
     *
     * @return true if a line was written
     */
    public boolean refused(String kind, String format, Object... arguments) {
        long now = clock.getAsLong();
        long suppressed;
        Window window = windows.computeIfAbsent(kind, k -> new Window(now - intervalMillis));
        synchronized (window) {
            if (now - window.startMillis < intervalMillis) {
                window.suppressed++;
                return false;
            }
            suppressed = window.suppressed;
            window.startMillis = now;
            window.suppressed = 0;
        }
        if (log.isWarnEnabled()) {
            log.warn("event=" + kind + " " + format + " suppressed=" + suppressed, arguments);
        }
        return true;
    }
}
