package io.smartshare.hal.driver.sim;

import io.smartshare.hal.Listeners;
import io.smartshare.hal.Subscription;
import io.smartshare.hal.gpio.DigitalInput;
import java.util.function.Consumer;

/**
 * A simulated input pin. Tests and simulators press the "button" with {@link #drive(boolean)};
 * listeners are called on the driving thread.
 */
public final class SimInput implements DigitalInput {
    private final String id;
    private final Listeners<Boolean> listeners;
    private boolean active;

    SimInput(String id) {
        this.id = id;
        this.listeners = new Listeners<>("pin=" + id);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public synchronized boolean isActive() {
        return active;
    }

    @Override
    public Subscription onChange(Consumer<Boolean> listener) {
        return listeners.add(listener);
    }

    /** Sets the input active or inactive; listeners hear of it if it changed. */
    public void drive(boolean active) {
        synchronized (this) {
            if (this.active == active) {
                return;
            }
            this.active = active;
        }
        listeners.fire(active);
    }
}
