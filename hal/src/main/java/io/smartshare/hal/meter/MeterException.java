package io.smartshare.hal.meter;

/** A meter could not be read; the message names what was read (a file, a directory) and why. */
public final class MeterException extends Exception {
    private static final long serialVersionUID = 1L;

    public MeterException(String message) {
        super(message);
    }

    public MeterException(String message, Throwable cause) {
        super(message, cause);
    }
}
