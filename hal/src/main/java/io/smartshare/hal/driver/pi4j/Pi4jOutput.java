package io.smartshare.hal.driver.pi4j;

import com.pi4j.io.gpio.digital.DigitalState;
import io.smartshare.hal.board.PinSpec;
import io.smartshare.hal.gpio.DigitalOutput;

/** A Pi4J output pin, "on" mapped to the pin's active level. */
final class Pi4jOutput implements DigitalOutput {
    private final PinSpec pin;
    private final com.pi4j.io.gpio.digital.DigitalOutput output;

    Pi4jOutput(PinSpec pin, com.pi4j.io.gpio.digital.DigitalOutput output) {
        this.pin = pin;
        this.output = output;
    }

    @Override
    public String id() {
        return pin.id();
    }

    @Override
    public void set(boolean on) {
        output.state(on != pin.activeLow() ? DigitalState.HIGH : DigitalState.LOW);
    }

    @Override
    public boolean isOn() {
        return output.isHigh() != pin.activeLow();
    }
}
