package io.smartshare.node.ledger;

import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.record.RecordBody;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Appends a record to the node's ledger and waits until it is durable (fsynced), off the CoAP thread. */
public final class LedgerAppend {
    private static final long APPEND_TIMEOUT_SECONDS = 10;

    private LedgerAppend() {
    }

    /**
     * Appends {@code body} and returns its sequence number once durable.
     *
     * @throws LedgerWriteException if the ledger did not take it within 10 s
     */
    public static long durably(Ledger ledger, RecordBody body) {
        try {
            return ledger.append(body).get(APPEND_TIMEOUT_SECONDS, TimeUnit.SECONDS).seq();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerWriteException("interrupted while appending", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new LedgerWriteException(e.toString(), e);
        }
    }

    /** The ledger did not take a record (it then counts as not accepted). */
    public static final class LedgerWriteException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public LedgerWriteException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
