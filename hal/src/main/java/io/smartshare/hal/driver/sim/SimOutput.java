package io.smartshare.hal.driver.sim;

import io.smartshare.hal.gpio.DigitalOutput;

/** An output pin that only remembers its state. */
final class SimOutput implements DigitalOutput {
    private final String id;
    private volatile boolean on;

    SimOutput(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void set(boolean on) {
        this.on = on;
    }

    @Override
    public boolean isOn() {
        return on;
    }
}
