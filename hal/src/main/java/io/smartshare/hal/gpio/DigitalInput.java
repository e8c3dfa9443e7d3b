package io.smartshare.hal.gpio;

import io.smartshare.hal.Subscription;
import java.util.function.Consumer;

/** An input pin such as a button. "Active" already accounts for the pin being active-low. */
public interface DigitalInput {
    /** The pin's id from the board file. */
    String id();

    /** True if the input is active now (the button is pressed). */
    boolean isActive();

    /** Calls {@code listener} with the new state on every change, on a driver thread. */
    Subscription onChange(Consumer<Boolean> listener);
}
