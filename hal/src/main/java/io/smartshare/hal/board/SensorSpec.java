package io.smartshare.hal.board;

import io.smartshare.hal.sensor.Quantity;
import java.time.Duration;
import java.util.Locale;

/**
 * One sensor of the board. The {@code type} key of the board file picks the variant.
 */
public sealed interface SensorSpec {
    /** The name the node publishes the sensor under ({@code /sensors/ID}). */
    String id();

    /** How often the sensor is read. */
    Duration poll();

    /**
     * True if the device may lack it (a thermal zone in a VM): absent, it is still listed in
     * {@code /health}, but the node is not degraded for it.
     */
    boolean optional();

    /**
     * A sensor on an I2C bus, read through Pi4J.
     *
     * @param chip the part
     * @param bus the I2C bus number ({@code /dev/i2c-N})
     * @param address the 7-bit device address
     */
    record I2c(String id, Chip chip, int bus, int address, Duration poll, boolean optional) implements SensorSpec {
        /** Supported I2C parts and the addresses they can have. */
        public enum Chip {
            /** Bosch BME280: temperature, humidity, pressure. */
            BME280(0x76, 0x77),
            /** Sensirion SHT3x (SHT30/31/35): temperature, humidity. */
            SHT3X(0x44, 0x45);

            private final int primary;
            private final int secondary;

            Chip(int primary, int secondary) {
                this.primary = primary;
                this.secondary = secondary;
            }

            /** True if the part can be strapped to {@code address}. */
            public boolean allows(int address) {
                return address == primary || address == secondary;
            }

            /** The addresses the part can be strapped to, for error messages. */
            public String addresses() {
                return String.format("0x%02x or 0x%02x", primary, secondary);
            }
        }

        public I2c {
            if (bus < 0) {
                throw new IllegalArgumentException("I2C bus must not be negative, found " + bus);
            }
            if (!chip.allows(address)) {
                throw new IllegalArgumentException(chip.name().toLowerCase(Locale.ROOT) + " answers at "
                        + chip.addresses() + ", found " + String.format("0x%02x", address));
            }
        }
    }

    /**
     * A kernel thermal zone ({@code /sys/class/thermal/thermal_zoneN/temp}), e.g. the SoC
     * temperature of a Raspberry Pi or a router.
     *
     * @param zone the zone number N
     */
    record ThermalZone(String id, int zone, Duration poll, boolean optional) implements SensorSpec {
        public ThermalZone {
            if (zone < 0) {
                throw new IllegalArgumentException("thermal zone must not be negative, found " + zone);
            }
        }
    }

    /**
     * A simulated sensor: {@code base + amplitude * sin(2 pi t / period)} plus seeded noise,
     * where t is the time since the board opened and the noise is drawn once per poll
     * interval, so the same seed and clock give the same series on every run.
     *
     * @param quantity what it pretends to measure
     * @param base the mean value
     * @param amplitude half the swing of the sine
     * @param period the length of one sine cycle
     * @param noise standard deviation of the added Gaussian noise
     */
    record Sim(String id, Quantity quantity, double base, double amplitude, Duration period, double noise,
               Duration poll, boolean optional) implements SensorSpec {
        public Sim {
            if (period.isZero() || period.isNegative()) {
                throw new IllegalArgumentException("period must be positive, found " + period);
            }
            if (noise < 0) {
                throw new IllegalArgumentException("noise must not be negative, found " + noise);
            }
        }
    }
}
