package io.smartshare.node.scheduling;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A service's own worker threads (the disk work of storage, the jobs of compute): each one
 * named thread with a bounded queue ({@code RejectedExecutionException} beyond it, which the
 * service answers as "busy"), alive only while it has work (it ends after 30 s idle), and all
 * stopped together when the service stops.
 */
public final class WorkerThreads {
    private static final long IDLE_SECONDS = 30;
    private static final long STOP_SECONDS = 5;

    private final List<ThreadPoolExecutor> executors = new ArrayList<>();

    /** A new worker: one thread named {@code name} at {@code priority}, at most {@code queue} tasks waiting. */
    public synchronized ThreadPoolExecutor single(String name, int queue, int priority) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, IDLE_SECONDS, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue), r -> {
                    Thread t = new Thread(r, name);
                    t.setPriority(priority);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        executors.add(executor);
        return executor;
    }

    /** Interrupts every worker's task, drops what waits, and waits up to 5 s for each to end. */
    public synchronized void stop() throws InterruptedException {
        for (ThreadPoolExecutor executor : executors) {
            executor.shutdownNow();
            executor.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS);
        }
    }
}
