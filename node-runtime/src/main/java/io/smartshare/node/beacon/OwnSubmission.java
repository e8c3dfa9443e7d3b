package io.smartshare.node.beacon;

import io.smartshare.contracts.beacon.Submission;
import io.smartshare.contracts.cose.CoseSign1;
import io.smartshare.contracts.cose.Domain;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.receipt.ReceiptClaim;
import io.smartshare.contracts.receipt.SignedReceipt;
import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.record.Receipt;
import io.smartshare.ledger.record.Record;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * This node's submission for an epoch (docs/beacon.md §4): it publishes a ledger checkpoint
 * covering everything appended so far, and sends, for each consumer and resource, the latest
 * receipt record that checkpoint covers (settlement counts the highest cumulative amount),
 * with its inclusion proof. The ledger is read once from the start and then only what was
 * appended since. The signed submission of the latest epoch asked for is kept, so every
 * candidate beacon of that epoch gets the same. Used on the beacon service's worker thread.
 */
class OwnSubmission {
    private record Slot(Ed25519PublicKey consumer, Resource resource) {
    }

    private final NodeIdentity identity;
    final Ledger ledger;
    private final Map<Slot, Long> latest = new HashMap<>();
    private long scanned;
    private long epoch = -1;
    private byte[] signed;

    OwnSubmission(NodeIdentity identity, Ledger ledger) {
        this.identity = identity;
        this.ledger = ledger;
    }

    /** The signed submission for {@code forEpoch}. */
    synchronized byte[] signed(long forEpoch) throws Exception {
        if (forEpoch != epoch) {
            SignedCheckpoint checkpoint = ledger.publishCheckpoint().get(30, TimeUnit.SECONDS);
            scan(checkpoint.size());
            signed = sign(new Submission(forEpoch, identity.publicKey(), checkpoint, entries(checkpoint)));
            epoch = forEpoch;
        }
        return signed.clone();
    }

    /** Signs a submission; a test double may send another one. */
    byte[] sign(Submission submission) {
        return submission.sign(identity);
    }

    /** The latest receipt of each slot that {@code checkpoint} covers, with their proofs. */
    List<Submission.Entry> entries(SignedCheckpoint checkpoint) {
        List<Submission.Entry> entries = new ArrayList<>();
        for (long seq : new TreeMap<>(invert()).keySet()) {
            if (seq < checkpoint.size() && entries.size() < Submission.MAX_ENTRIES) {
                entries.add(new Submission.Entry(seq, ledger.readEncoded(seq, seq + 1).get(0),
                        ledger.inclusionProof(seq, checkpoint.size()).path()));
            }
        }
        return entries;
    }

    private Map<Long, Slot> invert() {
        Map<Long, Slot> bySeq = new HashMap<>();
        latest.forEach((slot, seq) -> bySeq.put(seq, slot));
        return bySeq;
    }

    private void scan(long size) {
        while (scanned < size) {
            long to = Math.min(size, scanned + 256);
            for (Record record : ledger.read(scanned, to)) {
                if (record.body() instanceof Receipt r
                        && CoseSign1.domainOf(r.statement()).filter(Domain.RECEIPT::equals).isPresent()) {
                    ReceiptClaim claim = SignedReceipt.fromLedger(r.counterparty(), r.statement(), r.signature()).claim();
                    if (claim.provider().equals(identity.publicKey())) {
                        latest.put(new Slot(claim.consumer(), claim.resource()), record.seq());
                    }
                }
            }
            scanned = to;
        }
    }
}
