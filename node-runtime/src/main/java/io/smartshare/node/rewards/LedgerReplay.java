package io.smartshare.node.rewards;

import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.record.Receipt;
import io.smartshare.ledger.record.Record;
import java.util.List;

/**
 * Rebuilds state kept in the node's own ledger at start: reads the receipt records back in
 * ledger order, once, and hands each to every state (receipts, channels).
 */
final class LedgerReplay {
    private static final int READ_CHUNK = 256;

    /** State rebuilt from receipt records. */
    interface State {
        /** Takes one receipt record, of any document kind (a state ignores the kinds it does not keep). */
        void replay(long seq, Receipt entry);

        /** Called once after the last record. */
        void replayed();
    }

    private LedgerReplay() {
    }

    /** Hands every receipt record in {@code ledger} to each of {@code states}, in ledger order. */
    static void replay(Ledger ledger, List<? extends State> states) {
        long size = ledger.size();
        for (long from = 0; from < size; from += READ_CHUNK) {
            for (Record record : ledger.read(from, Math.min(size, from + READ_CHUNK))) {
                if (record.body() instanceof Receipt entry) {
                    states.forEach(state -> state.replay(record.seq(), entry));
                }
            }
        }
        states.forEach(State::replayed);
    }
}
