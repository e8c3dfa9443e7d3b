package io.smartshare.hal.sensor;

import java.time.Instant;
import java.util.Objects;

/**
 * One value a sensor measured.
 *
 * @param sensorId the sensor's id from the board file
 * @param quantity what was measured; fixes the unit
 * @param value the value in {@link Quantity#unit()}
 * @param at when it was measured
 */
public record Reading(String sensorId, Quantity quantity, double value, Instant at) {
    public Reading {
        Objects.requireNonNull(sensorId, "sensorId");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(at, "at");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("reading of " + sensorId + " is not a finite number: " + value);
        }
    }

    /** The unit of {@link #value()}, e.g. {@code Cel}. */
    public String unit() {
        return quantity.unit();
    }
}
