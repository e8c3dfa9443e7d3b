package io.smartshare.hal.driver.pi4j;

import com.pi4j.io.gpio.digital.DigitalState;
import io.smartshare.hal.Listeners;
import io.smartshare.hal.Subscription;
import io.smartshare.hal.board.PinSpec;
import io.smartshare.hal.gpio.DigitalInput;
import java.util.function.Consumer;

/** A Pi4J input pin, "active" mapped from the pin's active level; listeners run on Pi4J's event thread. */
final class Pi4jInput implements DigitalInput {
    private final PinSpec pin;
    private final com.pi4j.io.gpio.digital.DigitalInput input;
    private final Listeners<Boolean> listeners;

    Pi4jInput(PinSpec pin, com.pi4j.io.gpio.digital.DigitalInput input) {
        this.pin = pin;
        this.input = input;
        this.listeners = new Listeners<>("pin=" + pin.id());
        input.addListener(event -> listeners.fire(active(event.state())));
    }

    @Override
    public String id() {
        return pin.id();
    }

    @Override
    public boolean isActive() {
        return active(input.state());
    }

    @Override
    public Subscription onChange(Consumer<Boolean> listener) {
        return listeners.add(listener);
    }

    private boolean active(DigitalState state) {
        return (state == DigitalState.HIGH) != pin.activeLow();
    }
}
