package io.smartshare.ledger.record;

/**
 * Bytes are not a valid record, or a record's values are invalid. The message names the
 * field and what was expected and found.
 */
public final class RecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RecordException(String message) {
        super(message);
    }

    public RecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
