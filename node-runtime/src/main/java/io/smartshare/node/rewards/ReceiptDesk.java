package io.smartshare.node.rewards;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.cose.CoseSign1;
import io.smartshare.contracts.cose.Domain;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.receipt.ReceiptBook.Acceptance;
import io.smartshare.contracts.receipt.ReceiptBook;
import io.smartshare.contracts.receipt.ReceiptClaim;
import io.smartshare.contracts.receipt.ReceiptRejection;
import io.smartshare.contracts.receipt.SignedReceipt;
import io.smartshare.contracts.receipt.Tolerance;
import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.record.Receipt;
import io.smartshare.node.metering.PeerMeter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider side of receipts: checks each receipt a neighbour sends against the node's
 * {@link ReceiptBook} and its own meter, and appends accepted ones to the ledger before
 * counting them. The book is rebuilt from the ledger's receipt records at start ({@link
 * LedgerReplay}), so a
 * restarted node rejects replays and decreasing amounts as before. Thread-safe; receipts
 * are taken one at a time.
 */
final class ReceiptDesk implements LedgerReplay.State {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptDesk.class);

    /** A consumer and resource, ordered for documents. */
    record Slot(NodeId consumer, Resource resource) {
        static final Comparator<Slot> ORDER = Comparator.comparing((Slot s) -> s.consumer().value())
                .thenComparing(Slot::resource);
    }

    /** Receipts accepted for one slot: the latest cumulative amount and how many. */
    record Tally(long amount, long receipts) {
        Tally plus(long latest) {
            return new Tally(latest, receipts + 1);
        }
    }

    private final Ledger ledger;
    private final PeerMeter meter;
    private final Consumer<Object> events;
    private final Map<Slot, Tally> tallies = new TreeMap<>(Slot.ORDER);
    private ReceiptBook book;

    private ReceiptDesk(Ledger ledger, PeerMeter meter, Consumer<Object> events, ReceiptBook book) {
        this.ledger = ledger;
        this.meter = meter;
        this.events = events;
        this.book = book;
    }

    /**
     * A desk for the node owning {@code ledger}, to be rebuilt from it with {@link LedgerReplay}.
     *
     * @param events hears a {@link RewardsEvent.ReceiptAccepted} per receipt recorded
     */
    static ReceiptDesk empty(Ledger ledger, PeerMeter meter, Map<Resource, Tolerance> tolerances,
            Consumer<Object> events) {
        return new ReceiptDesk(ledger, meter, events, ReceiptBook.empty(ledger.key(), tolerances));
    }

    @Override
    public synchronized void replay(long seq, Receipt entry) {
        if (CoseSign1.domainOf(entry.statement()).filter(Domain.RECEIPT::equals).isEmpty()) {
            return;
        }
        try {
            SignedReceipt receipt = SignedReceipt.fromLedger(entry.counterparty(), entry.statement(), entry.signature());
            book = book.restore(receipt);
            count(receipt);
            meter.learnKey(receipt.claim().consumer());
        } catch (ContractException e) {
            LOG.warn("event=receipt-not-restored seq={} reason=\"{}\"", seq, e.getMessage());
        }
    }

    @Override
    public synchronized void replayed() {
        LOG.info("event=receipts-restored slots={} receipts={}", tallies.size(),
                tallies.values().stream().mapToLong(Tally::receipts).sum());
    }

    /**
     * Checks {@code receipt} and, if accepted, appends it to the ledger and waits until it is
     * durable. A rejection changes nothing.
     *
     * @throws LedgerAppend.LedgerWriteException if the append fails (the receipt then counts as not accepted)
     */
    synchronized Outcome<Acceptance, ReceiptRejection> accept(SignedReceipt receipt) {
        meter.learnKey(receipt.claim().consumer());
        Outcome<Acceptance, ReceiptRejection> outcome = book.accept(receipt, meter.snapshot(System.currentTimeMillis()));
        if (outcome.acceptedValue().isEmpty()) {
            return outcome;
        }
        Acceptance acceptance = outcome.acceptedValue().get();
        long seq = LedgerAppend.durably(ledger, acceptance.ledgerEntry());
        book = acceptance.book();
        count(receipt);
        ReceiptClaim c = receipt.claim();
        LOG.info("event=receipt-accepted consumer={} resource={} amount={} seq={}", NodeId.of(c.consumer()),
                c.resource(), c.amount(), seq);
        events.accept(new RewardsEvent.ReceiptAccepted(NodeId.of(c.consumer()).value(), c.resource().toString(),
                c.amount(), seq));
        return outcome;
    }

    private void count(SignedReceipt receipt) {
        ReceiptClaim c = receipt.claim();
        tallies.merge(new Slot(NodeId.of(c.consumer()), c.resource()), new Tally(c.amount(), 1),
                (old, x) -> old.plus(c.amount()));
    }

    /** The accepted receipts per consumer and resource, for {@code /rewards}. */
    synchronized List<Object> document() {
        List<Object> rows = new ArrayList<>();
        tallies.forEach((slot, tally) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("consumer", slot.consumer().value());
            row.put("resource", slot.resource().toString());
            row.put("amount", tally.amount());
            row.put("receipts", tally.receipts());
            rows.add(row);
        });
        return rows;
    }
}
