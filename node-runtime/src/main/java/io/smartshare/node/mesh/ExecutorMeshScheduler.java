package io.smartshare.node.mesh;

import io.smartshare.node.mesh.clock.MeshScheduler;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A {@link MeshScheduler} on the wall clock with one daemon thread named {@code mesh-timer}.
 * {@link #close()} stops it; tasks scheduled afterwards are ignored.
 */
public final class ExecutorMeshScheduler implements MeshScheduler, AutoCloseable {
    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "mesh-timer");
        t.setDaemon(true);
        return t;
    });

    public ExecutorMeshScheduler() {
        // a node re-arms its liveness check at every heartbeat: a cancelled check leaves the
        // queue at once instead of waking the thread at its time for nothing
        executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public long nowMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }

    @Override
    public Cancellable schedule(long delayMillis, Runnable task) {
        if (executor.isShutdown()) {
            return () -> { };
        }
        ScheduledFuture<?> future = executor.schedule(task, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
