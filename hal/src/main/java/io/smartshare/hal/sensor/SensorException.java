package io.smartshare.hal.sensor;

/**
 * A sensor gave no valid reading: it did not answer, or its data failed a check (such as
 * the SHT3x CRC). The message names the sensor, its bus and address, and the failure.
 */
public final class SensorException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean absent;

    /** A failed read of a sensor that is there: a bad check, a timeout, a short answer. */
    public SensorException(String message) {
        this(message, null, false);
    }

    /** A failed read of a sensor that is there, caused by {@code cause}. */
    public SensorException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private SensorException(String message, Throwable cause, boolean absent) {
        super(message, cause);
        this.absent = absent;
    }

    /** The sensor is not on this machine at all (its device file does not exist). */
    public static SensorException absent(String message, Throwable cause) {
        return new SensorException(message, cause, true);
    }

    /** True if the sensor is not there, rather than failing. */
    public boolean isAbsent() {
        return absent;
    }
}
