package io.smartshare.node.coap;

/** Time since the node started, from the monotonic clock. */
public final class Uptime {
    private final long startNanos = System.nanoTime();

    /** Whole seconds since this object was created. */
    public long seconds() {
        return (System.nanoTime() - startNanos) / 1_000_000_000L;
    }
}
