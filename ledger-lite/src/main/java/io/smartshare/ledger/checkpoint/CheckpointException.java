package io.smartshare.ledger.checkpoint;

/** A checkpoint note is malformed; the message names the line and what was expected. */
public final class CheckpointException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CheckpointException(String message) {
        super(message);
    }
}
