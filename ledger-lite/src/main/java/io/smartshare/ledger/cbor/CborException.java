package io.smartshare.ledger.cbor;

/**
 * Input is not CBOR in the deterministic subset this codec accepts, or a value cannot be
 * encoded. The message names the byte offset and what was expected and found.
 */
public final class CborException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CborException(String message) {
        super(message);
    }
}
