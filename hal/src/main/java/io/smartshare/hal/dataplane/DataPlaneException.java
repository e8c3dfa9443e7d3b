package io.smartshare.hal.dataplane;

/** The kernel or a tool refused a data-plane change; the message names the command and what it said. */
public final class DataPlaneException extends Exception {
    private static final long serialVersionUID = 1L;

    public DataPlaneException(String message) {
        super(message);
    }

    public DataPlaneException(String message, Throwable cause) {
        super(message, cause);
    }
}
