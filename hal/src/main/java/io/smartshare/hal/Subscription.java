package io.smartshare.hal;

/**
 * A registered listener or a running scan. Closing it stops the deliveries; closing it
 * again does nothing.
 */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
