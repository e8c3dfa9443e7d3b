package io.smartshare.node.mesh.trickle;

import io.smartshare.node.mesh.clock.MeshScheduler;
import java.util.Random;

/**
 * The Trickle algorithm of RFC 6206 on an injected scheduler.
 *
 * <p>An interval I starts at Imin. At its start the counter c is zeroed and a time t is
 * drawn uniformly from [I/2, I). At t the transmission runs if c &lt; k. At the end of the
 * interval I doubles, up to Imax = Imin * 2^doublings. {@link #hearConsistent()} increments
 * c; {@link #reset()} (an inconsistency) restarts at Imin unless I already is Imin. Not
 * thread-safe: call from the scheduler's thread.
 */
public final class TrickleTimer {
    private final MeshScheduler scheduler;
    private final Random random;
    private final long imin;
    private final long imax;
    private final int redundancy;
    private final Runnable transmit;
    private long interval;
    private int counter;
    private boolean running;
    private MeshScheduler.Cancellable fire = () -> { };
    private MeshScheduler.Cancellable end = () -> { };

    public TrickleTimer(MeshScheduler scheduler, Random random, long iminMillis, int doublings, int redundancy,
                        Runnable transmit) {
        this.scheduler = scheduler;
        this.random = random;
        this.imin = iminMillis;
        this.imax = iminMillis << doublings;
        this.redundancy = redundancy;
        this.transmit = transmit;
        this.interval = iminMillis;
    }

    /** Starts with I = Imin (RFC 6206 rule 1). */
    public void start() {
        running = true;
        interval = imin;
        beginInterval();
    }

    /** Stops; no transmission runs afterwards. */
    public void stop() {
        running = false;
        fire.cancel();
        end.cancel();
    }

    /** A consistent transmission was heard (rule 3). */
    public void hearConsistent() {
        counter++;
    }

    /** An inconsistency: restart at Imin unless already there (rule 6). */
    public void reset() {
        if (running && interval > imin) {
            interval = imin;
            beginInterval();
        }
    }

    /** The current interval length in milliseconds. */
    public long intervalMillis() {
        return interval;
    }

    private void beginInterval() {
        fire.cancel();
        end.cancel();
        counter = 0;
        long half = interval / 2;
        long t = half + (long) (random.nextDouble() * (interval - half));
        fire = scheduler.schedule(t, () -> {
            if (running && counter < redundancy) {
                transmit.run();
            }
        });
        end = scheduler.schedule(interval, () -> {
            if (running) {
                interval = Math.min(interval * 2, imax);
                beginInterval();
            }
        });
    }
}
