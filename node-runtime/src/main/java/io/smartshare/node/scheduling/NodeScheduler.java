package io.smartshare.node.scheduling;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The node's timers. Every periodic task of the node runs through {@link #every} (quick work,
 * on the shared {@code node-timer} thread) or {@link #everyBlocking} (work that may wait on a
 * disk, a driver or the network, on the {@code node-work} thread, so that it never delays
 * another task's tick). A task that throws is counted and logged (at most once a minute per
 * task) and runs again at its next period: one failure never stops it for good. Each task's
 * runs and failures are in {@code /metrics} under {@code tasks}.
 */
public final class NodeScheduler implements AutoCloseable {
    /** How long the {@code node-work} thread waits for the next blocking task before it ends. */
    static final long WORK_KEEP_ALIVE_SECONDS = 2;

    private final ScheduledExecutorService timer;
    private final ExecutorService work;
    private final List<PeriodicTask> tasks = new CopyOnWriteArrayList<>();

    private NodeScheduler(ScheduledExecutorService timer, ExecutorService work) {
        this.timer = timer;
        this.work = work;
    }

    /**
     * Starts the {@code node-timer} thread; the {@code node-work} thread exists only while
     * blocking tasks run (it ends after {@value #WORK_KEEP_ALIVE_SECONDS} s without one), so an
     * idle node does not keep its stack.
     */
    public static NodeScheduler start() {
        ThreadPoolExecutor work = new ThreadPoolExecutor(0, 1, WORK_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), named("node-work"));
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, named("node-timer"));
        timer.setRemoveOnCancelPolicy(true); // cancelled timers (Californium's, under a flood) leave at once
        return new NodeScheduler(timer, work);
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Runs {@code task} on the timer thread every {@code period} (read again after each run, so a
     * setting takes effect at the next run), first after one period. {@code task} must not block.
     *
     * @param name the task's name in logs and {@code /metrics}
     */
    public PeriodicTask every(String name, Supplier<Duration> period, Runnable task) {
        return add(new PeriodicTask(name, period, () -> true, task, timer, timer));
    }

    /**
     * As {@link #every}, for a task that may block: it runs on the {@code node-work} thread
     * (one blocking task at a time; the tasks of a node wait for each other, never for the timer).
     */
    public PeriodicTask everyBlocking(String name, Supplier<Duration> period, Runnable task) {
        return everyBlocking(name, period, () -> true, task);
    }

    /**
     * As {@link #everyBlocking(String, Supplier, Runnable)}, running {@code task} only at the
     * periods when {@code due} (checked on the timer thread, so it must be quick) says so.
     */
    public PeriodicTask everyBlocking(String name, Supplier<Duration> period, BooleanSupplier due, Runnable task) {
        return add(new PeriodicTask(name, period, due, task, timer, work));
    }

    private PeriodicTask add(PeriodicTask task) {
        tasks.add(task);
        task.scheduleNext();
        return task;
    }

    /**
     * The timer thread, for one-shot quick work: coalescing notifications, and Californium's
     * own timers (the CoAP server's secondary executor), so the node runs one timer thread.
     */
    public ScheduledExecutorService timer() {
        return timer;
    }

    /** The {@code tasks} section of {@code /metrics}: per task, runs, failures and the last failure. */
    public Map<String, Object> toDocument() {
        Map<String, Object> doc = new LinkedHashMap<>();
        for (PeriodicTask task : tasks) {
            doc.put(task.name(), task.toDocument());
        }
        return doc;
    }

    /** Cancels every task and stops both threads, waiting up to 2 s for a running task. */
    @Override
    public void close() throws InterruptedException {
        tasks.forEach(PeriodicTask::cancel);
        timer.shutdownNow();
        work.shutdown();
        timer.awaitTermination(2, TimeUnit.SECONDS);
        if (!work.awaitTermination(2, TimeUnit.SECONDS)) {
            work.shutdownNow();
        }
    }
}
