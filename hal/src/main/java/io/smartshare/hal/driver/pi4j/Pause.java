package io.smartshare.hal.driver.pi4j;

import java.time.Duration;

/** Waits for a sensor's conversion; tests pass one that returns at once. */
@FunctionalInterface
interface Pause {
    Pause SLEEP = duration -> Thread.sleep(duration.toMillis());

    void pause(Duration duration) throws InterruptedException;
}
