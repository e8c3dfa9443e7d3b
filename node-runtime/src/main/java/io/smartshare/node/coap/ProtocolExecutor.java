package io.smartshare.node.coap;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The CoAP protocol stage's executor, which knows its backlog: the tasks handed to it to run
 * now ({@link #execute}) that have not started yet. Californium also schedules its
 * retransmission timers here; those wait in the same queue but are not backlog, and counting
 * them (as the queue's size does) made a node with a few hundred confirmable messages in
 * flight drop every datagram it received.
 */
final class ProtocolExecutor extends ScheduledThreadPoolExecutor {
    private final AtomicInteger waiting = new AtomicInteger();

    ProtocolExecutor(int threads, ThreadFactory threadFactory) {
        super(threads, threadFactory);
        setRemoveOnCancelPolicy(true);
    }

    @Override
    public void execute(Runnable task) {
        waiting.incrementAndGet();
        try {
            super.execute(() -> {
                waiting.decrementAndGet();
                task.run();
            });
        } catch (RejectedExecutionException e) {
            waiting.decrementAndGet();
            throw e;
        }
    }

    /** Tasks to run now that have not started yet. */
    int backlog() {
        return waiting.get();
    }
}
