package io.smartshare.hal.ble;

/** A BLE operation failed; the message names the peer or adapter and the operation. */
public final class BleException extends Exception {
    private static final long serialVersionUID = 1L;

    public BleException(String message) {
        super(message);
    }

    public BleException(String message, Throwable cause) {
        super(message, cause);
    }
}
