package io.smartshare.hal.gpio;

/** An output pin such as the status LED. "On" already accounts for the pin being active-low. */
public interface DigitalOutput {
    /** The pin's id from the board file. */
    String id();

    /** Drives the pin on or off. */
    void set(boolean on);

    /** What the pin was last set to. */
    boolean isOn();
}
