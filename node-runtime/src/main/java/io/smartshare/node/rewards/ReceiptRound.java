package io.smartshare.node.rewards;

import io.smartshare.contracts.CheckpointRef;
import io.smartshare.contracts.metering.MeterSnapshot;
import io.smartshare.contracts.receipt.ReceiptIssuer;
import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.mesh.coap.NeighborAddresses;
import io.smartshare.node.metering.PeerMeter;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer side, once per receipt interval: closes a metering interval (storing the
 * per-peer totals), asks providers whose key is unknown for it, signs a receipt for every
 * provider and resource whose consumed counter rose (docs/contracts.md §4.4), stores them,
 * then posts them, and any earlier ones not answered yet, to their providers ({@link
 * ReceiptOutbox}). Runs on the node's timer thread.
 */
final class ReceiptRound implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptRound.class);

    private final NodeIdentity identity;
    private final Ledger ledger;
    private final PeerMeter meter;
    private final IssuedReceipts issued;
    private final Optional<NeighborAddresses> neighbors;
    private final ReceiptPoster poster;
    private final ReceiptOutbox outbox;
    private final Consumer<Object> events;
    private final SecureRandom random = new SecureRandom();
    private ReceiptIssuer issuer;

    ReceiptRound(NodeIdentity identity, Ledger ledger, PeerMeter meter, IssuedReceipts issued,
            Optional<NeighborAddresses> neighbors, ReceiptPoster poster, Consumer<Object> events, long startMillis) {
        this.events = events;
        this.identity = identity;
        this.ledger = ledger;
        this.meter = meter;
        this.issued = issued;
        this.neighbors = neighbors;
        this.poster = poster;
        this.outbox = new ReceiptOutbox(poster::post);
        this.issuer = ReceiptIssuer.resume(startMillis, issued.latest());
    }

    @Override
    public void run() {
        try {
            round(System.currentTimeMillis());
        } catch (IOException e) {
            LOG.error("event=receipt-round-failed error=\"{}\"", e.toString());
        } catch (RuntimeException e) {
            LOG.error("event=receipt-round-failed error=\"{}\"", e.toString(), e);
        }
    }

    synchronized void round(long nowMillis) throws IOException {
        MeterSnapshot snapshot = meter.tick(nowMillis);
        if (neighbors.isEmpty()) {
            return;
        }
        NeighborAddresses mesh = neighbors.get();
        for (NodeId provider : meter.providersWithoutKey()) {
            mesh.addressOf(provider).ifPresent(address -> poster.fetchKey(provider, address, meter::learnKey));
        }
        ReceiptIssuer.Issued round = issuer.issue(snapshot, ownCheckpoint(), identity, random);
        if (!round.receipts().isEmpty()) {
            issued.record(round.receipts());
            issuer = round.issuer();
            outbox.add(round.receipts());
            round.receipts().forEach(r -> events.accept(new RewardsEvent.ReceiptIssued(
                    NodeId.of(r.claim().provider()).value(), r.claim().resource().toString(), r.claim().amount())));
        }
        outbox.flush(mesh::addressOf);
    }

    private CheckpointRef ownCheckpoint() {
        Optional<SignedCheckpoint> latest = ledger.latestCheckpoint();
        return latest.map(c -> CheckpointRef.of(c.size(), c.root().bytes()))
                .orElseGet(() -> CheckpointRef.of(0, ledger.root(0).bytes()));
    }

    /** Receipts signed and not answered by their provider yet, for {@code /rewards}. */
    int unanswered() {
        return outbox.unanswered();
    }

    /** What this node signed, for {@code /rewards}. */
    synchronized List<Object> document() {
        return issued.document();
    }
}
