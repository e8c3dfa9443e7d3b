package io.smartshare.node.scheduling;

import io.smartshare.node.logging.RefusalLog;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task of a {@link NodeScheduler}: run, then scheduled again one period after it ends, on
 * its executor; what it throws is caught, counted and logged. Thread-safe.
 */
public final class PeriodicTask {
    private static final Logger LOG = LoggerFactory.getLogger(PeriodicTask.class);
    private static final RefusalLog FAILURES = RefusalLog.of(LOG);

    private final String name;
    private final Supplier<Duration> period;
    private final BooleanSupplier due;
    private final Runnable task;
    private final ScheduledExecutorService timer;
    private final Executor runner;
    private long runs;
    private long failures;
    private String lastFailure = "";
    private ScheduledFuture<?> next;
    private boolean cancelled;

    PeriodicTask(String name, Supplier<Duration> period, BooleanSupplier due, Runnable task,
            ScheduledExecutorService timer, Executor runner) {
        this.name = name;
        this.period = period;
        this.due = due;
        this.task = task;
        this.timer = timer;
        this.runner = runner;
    }

    /** The task's name. */
    public String name() {
        return name;
    }

    /** Runs finished so far, failed ones included. */
    public synchronized long runs() {
        return runs;
    }

    /** Runs that threw. */
    public synchronized long failures() {
        return failures;
    }

    synchronized void scheduleNext() {
        if (cancelled) {
            return;
        }
        long millis = Math.max(1, period.get().toMillis());
        try {
            next = timer.schedule(this::dispatch, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            cancelled = true; // the scheduler is closing
        }
    }

    private void dispatch() {
        if (!due.getAsBoolean()) {
            scheduleNext();
            return;
        }
        try {
            runner.execute(this::runOnce);
        } catch (RejectedExecutionException e) {
            cancel();
        }
    }

    private void runOnce() {
        String failure = null;
        try {
            task.run();
        } catch (RuntimeException | LinkageError | AssertionError e) {
            failure = e.toString();
            FAILURES.refused("task-failed-" + name, "task={} error=\"{}\" note=\"runs again at its next period\"",
                    name, failure);
        }
        synchronized (this) {
            runs++;
            if (failure != null) {
                failures++;
                lastFailure = failure;
            }
        }
        scheduleNext();
    }

    /** Stops further runs; a run under way completes. */
    public synchronized void cancel() {
        cancelled = true;
        if (next != null) {
            next.cancel(false);
        }
    }

    synchronized Map<String, Object> toDocument() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("runs", runs);
        doc.put("failures", failures);
        if (!lastFailure.isEmpty()) {
            doc.put("last-failure", lastFailure);
        }
        return doc;
    }
}
