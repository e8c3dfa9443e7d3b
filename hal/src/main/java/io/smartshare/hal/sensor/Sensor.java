package io.smartshare.hal.sensor;

import java.util.List;

/**
 * One physical or simulated sensor. Reading it talks to the hardware; callers that only
 * need the latest values use {@link Sensors}, which polls on the board's schedule.
 */
public interface Sensor {
    /** The id from the board file. */
    String id();

    /** The driver that reads it ({@code pi4j}, {@code linux}, {@code sim}). */
    String driver();

    /** What one reading holds, in order. */
    List<Quantity> quantities();

    /**
     * Measures now.
     *
     * @return one reading per {@link #quantities()} entry, all with the same timestamp
     * @throws SensorException if the sensor does not answer or its data fails a check;
     *     a failed check never yields a reading
     */
    List<Reading> read() throws SensorException;
}
