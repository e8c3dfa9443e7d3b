package io.smartshare.node.rewards;

import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.record.Receipt;
import io.smartshare.ledger.record.Record;

/** Reads the receipt records of the node's own ledger back in order, for rebuilding state at start. */
final class LedgerReceipts {
    private static final int READ_CHUNK = 256;

    /** Gets each receipt record with its sequence number. */
    @FunctionalInterface
    interface Visitor {
        void visit(long seq, Receipt entry);
    }

    private LedgerReceipts() {
    }

    /** Calls {@code visitor} for every receipt record in {@code ledger}, in ledger order. */
    static void forEach(Ledger ledger, Visitor visitor) {
        long size = ledger.size();
        for (long from = 0; from < size; from += READ_CHUNK) {
            for (Record record : ledger.read(from, Math.min(size, from + READ_CHUNK))) {
                if (record.body() instanceof Receipt entry) {
                    visitor.visit(record.seq(), entry);
                }
            }
        }
    }
}
