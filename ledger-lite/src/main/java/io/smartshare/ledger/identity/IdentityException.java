package io.smartshare.ledger.identity;

/**
 * A key or identity could not be created, read or used. The message names the file or
 * value at fault and never contains secret key material.
 */
public final class IdentityException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IdentityException(String message) {
        super(message);
    }

    public IdentityException(String message, Throwable cause) {
        super(message, cause);
    }
}
