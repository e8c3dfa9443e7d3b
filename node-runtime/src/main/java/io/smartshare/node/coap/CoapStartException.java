package io.smartshare.node.coap;

/** A CoAP endpoint could not be started; the message names scheme, address and port. */
public final class CoapStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CoapStartException(String message) {
        super(message);
    }

    public CoapStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
