package io.smartshare.node.rewards;

import io.smartshare.node.ledger.LedgerAppend;
import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.cose.CoseSign1;
import io.smartshare.contracts.cose.Domain;
import io.smartshare.contracts.metering.MeterSnapshot;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.metering.Role;
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
    /** Per relay slot, the highest claim refused only for being a little off the meter. */
    private final Map<Slot, Long> nearlyAccepted = new TreeMap<>(Slot.ORDER);
    private final Map<Resource, Tolerance> tolerances;
    private ReceiptBook book;

    private ReceiptDesk(Ledger ledger, PeerMeter meter, Consumer<Object> events, ReceiptBook book,
            Map<Resource, Tolerance> tolerances) {
        this.tolerances = Map.copyOf(tolerances);
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
        return new ReceiptDesk(ledger, meter, events, ReceiptBook.empty(ledger.key(), tolerances), tolerances);
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
        MeterSnapshot own = meter.snapshot(System.currentTimeMillis());
        Outcome<Acceptance, ReceiptRejection> outcome = book.accept(receipt, own);
        if (outcome.acceptedValue().isEmpty()) {
            noteNearMiss(receipt.claim(), own, outcome);
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

    private void noteNearMiss(ReceiptClaim claim, MeterSnapshot own, Outcome<Acceptance, ReceiptRejection> outcome) {
        boolean relay = claim.resource() == Resource.RELAY_UP || claim.resource() == Resource.RELAY_DOWN;
        if (!relay || outcome.rejection().map(r -> r.reason() != ReceiptRejection.BEYOND_TOLERANCE).orElse(true)) {
            return;
        }
        long metered = own.amount(claim.consumer(), claim.resource(), Role.PROVIDED);
        if (Math.abs(claim.amount() - metered) <= 2 * tolerances.get(claim.resource()).around(metered)) {
            nearlyAccepted.merge(new Slot(NodeId.of(claim.consumer()), claim.resource()), claim.amount(), Math::max);
        }
    }

    private void count(SignedReceipt receipt) {
        ReceiptClaim c = receipt.claim();
        tallies.merge(new Slot(NodeId.of(c.consumer()), c.resource()), new Tally(c.amount(), 1),
                (old, x) -> old.plus(c.amount()));
    }

    /**
     * The relay service ({@code relay.up} plus {@code relay.down}) {@code consumer} has signed
     * for: per resource its latest accepted receipt, or the latest one refused only for being
     * a little off this node's meter (within twice the tolerance: packets the sender counted
     * and this node never received) if that one is higher. The second keeps a paying
     * neighbour that lost packets from being cut for good (pay to relay, docs/uplink.md): its
     * receipts are accepted again once the tolerance, which grows with the traffic, covers
     * the loss.
     */
    synchronized long relaySigned(NodeId consumer) {
        long signed = 0;
        for (Resource resource : List.of(Resource.RELAY_UP, Resource.RELAY_DOWN)) {
            Slot slot = new Slot(consumer, resource);
            Tally tally = tallies.get(slot);
            signed += Math.max(tally == null ? 0 : tally.amount(), nearlyAccepted.getOrDefault(slot, 0L));
        }
        return signed;
    }

    /** The latest cumulative amount accepted per consumer and resource. */
    synchronized Map<Slot, Long> amounts() {
        Map<Slot, Long> amounts = new TreeMap<>(Slot.ORDER);
        tallies.forEach((slot, tally) -> amounts.put(slot, tally.amount()));
        return amounts;
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
