package io.smartshare.ledger.merkle;

/** A proof could not be decoded; the message names the field at fault. */
public final class ProofException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProofException(String message) {
        super(message);
    }
}
