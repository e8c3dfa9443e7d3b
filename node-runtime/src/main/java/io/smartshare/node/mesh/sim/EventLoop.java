package io.smartshare.node.mesh.sim;

import io.smartshare.node.mesh.clock.MeshScheduler;
import java.util.PriorityQueue;

/**
 * A virtual clock and a priority queue of events: the simulator's only notion of time.
 * Events at the same instant run in the order they were scheduled, so a run is a pure
 * function of its seeds. Single-threaded.
 */
public final class EventLoop implements MeshScheduler {
    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private long now;
    private long sequence;

    @Override
    public long nowMillis() {
        return now;
    }

    @Override
    public Cancellable schedule(long delayMillis, Runnable task) {
        Event e = new Event(now + Math.max(0, delayMillis), sequence++, task);
        queue.add(e);
        return () -> e.cancelled = true;
    }

    /** Runs every event due up to and including {@code untilMillis}, then sets the clock there. */
    public void runUntil(long untilMillis) {
        while (!queue.isEmpty() && queue.peek().at <= untilMillis) {
            Event e = queue.poll();
            now = e.at;
            if (!e.cancelled) {
                e.task.run();
            }
        }
        now = Math.max(now, untilMillis);
    }

    private static final class Event implements Comparable<Event> {
        final long at;
        final long order;
        final Runnable task;
        boolean cancelled;

        Event(long at, long order, Runnable task) {
            this.at = at;
            this.order = order;
            this.task = task;
        }

        @Override
        public int compareTo(Event o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }
}
