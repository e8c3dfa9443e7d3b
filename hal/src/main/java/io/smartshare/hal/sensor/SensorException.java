package io.smartshare.hal.sensor;

/**
 * A sensor gave no valid reading: it did not answer, or its data failed a check (such as
 * the SHT3x CRC). The message names the sensor, its bus and address, and the failure.
 */
public final class SensorException extends Exception {
    private static final long serialVersionUID = 1L;

    public SensorException(String message) {
        super(message);
    }

    public SensorException(String message, Throwable cause) {
        super(message, cause);
    }
}
