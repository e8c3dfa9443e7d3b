package io.smartshare.node.mesh.clock;

/**
 * The mesh's only source of time and of deferred work. The daemon uses {@link
 * ExecutorMeshScheduler} (wall clock, one named thread); the simulator uses a virtual clock.
 */
public interface MeshScheduler {
    /** Milliseconds on a monotonic clock. */
    long nowMillis();

    /** Runs {@code task} once after {@code delayMillis} (0 = as soon as possible). */
    Cancellable schedule(long delayMillis, Runnable task);

    /** A scheduled task that can be called off; cancelling twice or after it ran does nothing. */
    interface Cancellable {
        void cancel();
    }
}
