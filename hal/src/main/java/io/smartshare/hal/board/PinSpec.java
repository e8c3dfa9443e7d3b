package io.smartshare.hal.board;

/**
 * One GPIO pin the node drives or watches.
 *
 * @param id name the node uses, e.g. {@code status-led}, {@code button}
 * @param direction input or output
 * @param bcm the Broadcom (BCM) GPIO number, the numbering Pi4J and the kernel use
 * @param activeLow true if the pin reads or drives low when "on" (a button to ground)
 * @param pull the bias resistor for inputs
 */
public record PinSpec(String id, Direction direction, int bcm, boolean activeLow, Pull pull) {
    /** Pin directions. */
    public enum Direction {
        INPUT,
        OUTPUT
    }

    /** Bias resistor of an input. */
    public enum Pull {
        NONE,
        UP,
        DOWN
    }

    public PinSpec {
        if (bcm < 0 || bcm > 63) {
            throw new IllegalArgumentException("BCM pin must be 0..63, found " + bcm);
        }
    }
}
