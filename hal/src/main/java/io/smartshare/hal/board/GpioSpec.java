package io.smartshare.hal.board;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The board's GPIO pins and the driver that runs them.
 *
 * @param driver which driver runs the pins
 * @param sysfsBase added to a pin's BCM number to get the kernel's GPIO number in
 *     {@code /sys/class/gpio} (512 on Raspberry Pi kernels from 6.6, 571 for a Pi 5's RP1)
 * @param pins the pins, in file order
 */
public record GpioSpec(Driver driver, int sysfsBase, List<PinSpec> pins) {
    /** GPIO drivers. */
    public enum Driver {
        /** Pi4J 2.x through the Linux GPIO and I2C device files. */
        PI4J,
        /** In-memory pins; inputs can be driven by tests. */
        SIM
    }

    public GpioSpec {
        pins = List.copyOf(pins);
        if (sysfsBase < 0) {
            throw new IllegalArgumentException("sysfs base must not be negative, found " + sysfsBase);
        }
        Set<String> ids = new HashSet<>();
        Set<Integer> numbers = new HashSet<>();
        for (PinSpec pin : pins) {
            if (!ids.add(pin.id())) {
                throw new IllegalArgumentException("pin id '" + pin.id() + "' is used twice");
            }
            if (!numbers.add(pin.bcm())) {
                throw new IllegalArgumentException("BCM " + pin.bcm() + " is used twice");
            }
        }
    }
}
