package io.smartshare.contracts;

/**
 * An input cannot be used: malformed bytes, a field out of range, a value that breaks a
 * rule of docs/contracts.md. The message names the document, the field and what was
 * expected and found; it never contains secret key material.
 */
public final class ContractException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ContractException(String message) {
        super(message);
    }

    public ContractException(String message, Throwable cause) {
        super(message, cause);
    }
}
