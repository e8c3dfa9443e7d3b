package io.smartshare.contracts.beacon;

import io.smartshare.contracts.CheckpointRef;
import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.cose.CoseSign1;
import io.smartshare.contracts.cose.Domain;
import io.smartshare.contracts.receipt.SignedReceipt;
import io.smartshare.contracts.settlement.MemberCheckpoint;
import io.smartshare.ledger.checkpoint.Checkpoint;
import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.merkle.InclusionProof;
import io.smartshare.ledger.merkle.TreeHasher;
import io.smartshare.ledger.record.Receipt;
import io.smartshare.ledger.record.Record;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The beacon's check of a signed submission (docs/beacon.md §4), in this order, the first
 * failure named: its size; signed by a member; for the epoch being closed; the member's
 * checkpoint signed by its key under its ledger's origin; every record within the checkpoint,
 * proven in it, and a receipt. A refused submission is its own evidence: it is signed by the
 * member, and anyone with the membership reruns this check on it. Stateless.
 */
public final class SubmissionCheck {
    private SubmissionCheck() {
    }

    public static Outcome<CheckedSubmission, BeaconRejection> check(byte[] signed, ShardMembership membership,
            long epoch) {
        if (signed.length > Submission.MAX_BYTES) {
            return Outcome.rejected(BeaconRejection.TOO_LARGE, signed.length + " bytes, more than "
                    + Submission.MAX_BYTES);
        }
        CoseSign1 cose;
        Submission submission;
        try {
            cose = CoseSign1.decode(Domain.BEACON_SUBMISSION, signed);
            submission = Submission.decode(cose.payload());
        } catch (ContractException e) {
            return Outcome.rejected(BeaconRejection.MALFORMED, e.getMessage());
        }
        Ed25519PublicKey member = submission.member();
        String who = "submission of " + NodeId.of(member);
        if (!membership.isMember(member)) {
            return Outcome.rejected(BeaconRejection.NOT_A_MEMBER, who + ": not a member of shard " + membership.shardId());
        }
        if (!cose.verifiedBy(member)) {
            return Outcome.rejected(BeaconRejection.BAD_SIGNATURE, who + ": not signed by that member");
        }
        if (submission.epoch() != epoch) {
            return Outcome.rejected(BeaconRejection.WRONG_EPOCH, who + ": for epoch " + submission.epoch()
                    + ", not " + epoch);
        }
        SignedCheckpoint note = submission.checkpoint();
        if (!note.origin().equals(Checkpoint.originOf(NodeId.of(member))) || !note.isSignedBy(member)) {
            return Outcome.rejected(BeaconRejection.CHECKPOINT_NOT_SIGNED, who + ": checkpoint " + note.origin() + " @ "
                    + note.size() + " is not signed by the member's ledger key");
        }
        List<SignedReceipt> receipts = new ArrayList<>();
        for (Submission.Entry e : submission.entries()) {
            Optional<Outcome<CheckedSubmission, BeaconRejection>> refused = entry(e, note, who, receipts);
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        return Outcome.accepted(new CheckedSubmission(note, new MemberCheckpoint(member,
                CheckpointRef.of(note.size(), note.root().bytes())), receipts));
    }

    private static Optional<Outcome<CheckedSubmission, BeaconRejection>> entry(Submission.Entry e, SignedCheckpoint note,
            String who, List<SignedReceipt> receipts) {
        String what = who + ": record " + e.index();
        if (e.index() >= note.size()) {
            return Optional.of(Outcome.rejected(BeaconRejection.RECORD_BEYOND_CHECKPOINT, what
                    + " is beyond its checkpoint of size " + note.size()));
        }
        byte[] bytes = e.record();
        if (!new InclusionProof(e.index(), note.size(), e.path()).verify(TreeHasher.leaf(bytes), note.root())) {
            return Optional.of(Outcome.rejected(BeaconRejection.PROOF_INVALID, what
                    + ": its inclusion proof does not lead to the checkpoint's root"));
        }
        try {
            Record record = Record.decode(bytes);
            if (record.body() instanceof Receipt r
                    && CoseSign1.domainOf(r.statement()).filter(Domain.RECEIPT::equals).isPresent()) {
                receipts.add(SignedReceipt.fromLedger(r.counterparty(), r.statement(), r.signature()));
                return Optional.empty();
            }
        } catch (RuntimeException e2) { // whatever a hostile record makes the decoders throw
            return Optional.of(Outcome.rejected(BeaconRejection.NOT_A_RECEIPT, what + ": " + e2.getMessage()));
        }
        return Optional.of(Outcome.rejected(BeaconRejection.NOT_A_RECEIPT, what + " is not a receipt record"));
    }
}
