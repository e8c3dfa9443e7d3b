package io.smartshare.node.daemon;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into an orderly stop: the handler only releases a latch that the
 * main thread waits on, so the node stops accepting, flushes and closes on the main thread
 * and exits 0 (the JVM's default for SIGTERM is exit status 143).
 */
public final class ShutdownSignal {
    private final CountDownLatch requested = new CountDownLatch(1);

    /** Installs the handlers for TERM and INT. */
    public static ShutdownSignal install() {
        ShutdownSignal signal = new ShutdownSignal();
        Signal.handle(new Signal("TERM"), s -> signal.requested.countDown());
        Signal.handle(new Signal("INT"), s -> signal.requested.countDown());
        return signal;
    }

    /** Requests the stop from within the program, as a signal would (sim's quit key). */
    public void request() {
        requested.countDown();
    }

    /** Blocks until a stop is requested or {@code timeout} passes; true if a stop was requested. */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return requested.await(timeout, unit);
    }

    /** Blocks until a stop is requested. */
    public void await() throws InterruptedException {
        requested.await();
    }
}
