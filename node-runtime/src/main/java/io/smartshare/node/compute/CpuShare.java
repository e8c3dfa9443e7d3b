package io.smartshare.node.compute;

import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * Keeps the job thread within the board's CPU share cap ({@code cpu.share-cap-percent}, of
 * all cores together): the thread that runs a job calls {@link #pace()} every few thousand
 * instructions, and sleeps whenever the CPU time it spent since the job began exceeds its
 * share of the time that passed. One job thread can use at most one core, so on a machine
 * with {@code n} cores the share of that core is {@code min(1, cap × n ÷ 100)}. The thread's
 * CPU time is the kernel's own count for it ({@code CLOCK_THREAD_CPUTIME_ID}, which {@code
 * /proc/self/task/<tid>/stat} also shows, at nanosecond resolution); scripts/bench-compute
 * checks the share the whole process held from {@code /proc/self/stat}.
 */
final class CpuShare {
    private final double share;
    private final LongSupplier cpuNanos;
    private final LongSupplier wallNanos;
    private long startCpu;
    private long startWall;
    private long slept;

    CpuShare(double share, LongSupplier cpuNanos, LongSupplier wallNanos) {
        this.share = share;
        this.cpuNanos = cpuNanos;
        this.wallNanos = wallNanos;
    }

    /** A share of {@code capPercent} of {@code cores} cores, for the calling thread. */
    static CpuShare of(int capPercent, int cores) {
        // JMX is loaded when the first job runs, not when the node starts
        return new CpuShare(Math.min(1.0, capPercent * cores / 100.0),
                () -> ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(), System::nanoTime);
    }

    /** The fraction of one core a job may use. */
    double share() {
        return share;
    }

    /** Starts counting for a job on the calling thread. */
    void begin() {
        startCpu = cpuNanos.getAsLong();
        startWall = wallNanos.getAsLong();
        slept = 0;
    }

    /** Sleeps as long as the job is ahead of its share; true if interrupted (the job is to stop). */
    boolean pace() {
        if (share >= 1.0) {
            return Thread.currentThread().isInterrupted();
        }
        long cpu = cpuNanos.getAsLong() - startCpu;
        long wall = wallNanos.getAsLong() - startWall;
        long ahead = (long) (cpu / share) - wall;
        if (ahead > 1_000_000) {
            try {
                Thread.sleep(ahead / 1_000_000, (int) (ahead % 1_000_000));
                slept += ahead;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        return false;
    }

    /** Nanoseconds the job slept to stay within its share. */
    long sleptNanos() {
        return slept;
    }
}
