package io.smartshare.contracts.beacon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.CheckpointRef;
import io.smartshare.contracts.Fixtures;
import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.receipt.ReceiptClaim;
import io.smartshare.contracts.receipt.SignedReceipt;
import io.smartshare.contracts.schedule.RateTerms;
import io.smartshare.contracts.schedule.RewardSchedule;
import io.smartshare.contracts.schedule.ScheduleVerifier;
import io.smartshare.contracts.schedule.VerifiedSchedule;
import io.smartshare.contracts.settlement.EpochInputs;
import io.smartshare.contracts.settlement.Settlement;
import io.smartshare.ledger.checkpoint.Checkpoint;
import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.merkle.Hash;
import io.smartshare.ledger.merkle.LeafTree;
import io.smartshare.ledger.merkle.TreeHasher;
import io.smartshare.ledger.record.Record;
import io.smartshare.ledger.record.Receipt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BeaconContractsTest {
    static final NodeIdentity ISSUER = Fixtures.identity(0x50);
    static final NodeIdentity A = Fixtures.identity(0x51);
    static final NodeIdentity B = Fixtures.identity(0x52);
    static final NodeIdentity C = Fixtures.identity(0x53);
    static final ShardMembership SHARD = new ShardMembership("test-shard", 1, List.of(A.publicKey(), B.publicKey(),
            C.publicKey()), 2, 60, 20);
    static final VerifiedSchedule SCHEDULE = new ScheduleVerifier(Set.of(ISSUER.publicKey())).verify(
            new RewardSchedule(1, 0, 1_000_000, Map.of(Resource.RELAY_UP, new RateTerms(1, 1, 1_000_000))).sign(ISSUER))
            .orElseThrow();
    static final long EPOCH = 7;

    /** A member's ledger: its records, its tree, its latest checkpoint. */
    static final class Ledger {
        final NodeIdentity owner;
        final List<byte[]> records = new ArrayList<>();
        final LeafTree tree = new LeafTree();

        Ledger(NodeIdentity owner) {
            this.owner = owner;
        }

        long receipt(NodeIdentity consumer, long amount) {
            ReceiptClaim claim = new ReceiptClaim(owner.publicKey(), consumer.publicKey(), Resource.RELAY_UP, amount,
                    1_000, 2_000, new byte[ReceiptClaim.NONCE_LENGTH], CheckpointRef.of(0, new byte[32]));
            Receipt body = SignedReceipt.sign(claim, consumer).ledgerEntry();
            long seq = records.size();
            byte[] encoded = new Record(seq, seq == 0 ? Hash.ZERO : TreeHasher.leaf(records.get((int) seq - 1)), 1_000,
                    body).encode();
            records.add(encoded);
            tree.append(TreeHasher.leaf(encoded));
            return seq;
        }

        SignedCheckpoint checkpoint() {
            return SignedCheckpoint.sign(new Checkpoint(Checkpoint.originOf(NodeId.of(owner.publicKey())), tree.size(),
                    tree.root(tree.size())), owner);
        }

        Submission.Entry entry(long seq, long size) {
            return new Submission.Entry(seq, records.get((int) seq), tree.inclusion(seq, size).path());
        }

        byte[] submit(List<Submission.Entry> entries) {
            return submit(EPOCH, entries);
        }

        byte[] submit(long epoch, List<Submission.Entry> entries) {
            return new Submission(epoch, owner.publicKey(), checkpoint(), entries).sign(owner);
        }
    }

    @Test
    void aMembershipIsTrustedOnlyFromItsIssuerAndOrdersBeaconsPerEpoch() {
        byte[] signed = SHARD.sign(ISSUER);
        assertEquals(SHARD, ShardMembership.verify(signed, Set.of(ISSUER.publicKey())).orElseThrow());
        assertEquals(BeaconRejection.UNTRUSTED_ISSUER, ShardMembership.verify(signed, Set.of(A.publicKey()))
                .rejection().orElseThrow().reason());
        assertEquals(SHARD.order(EPOCH), SHARD.order(EPOCH), "deterministic");
        assertEquals(Set.copyOf(SHARD.members()), Set.copyOf(SHARD.order(EPOCH)));
        boolean differs = false;
        for (long e = 0; e < 20; e++) {
            differs |= !SHARD.order(e).get(0).equals(SHARD.order(EPOCH).get(0));
        }
        assertTrue(differs, "the first beacon changes with the epoch");
        assertEquals(SHARD.order(EPOCH).get(0), SHARD.members().stream().min((x, y) -> java.util.Arrays.compareUnsigned(
                ShardMembership.rank(EPOCH, x), ShardMembership.rank(EPOCH, y))).orElseThrow());
    }

    @Test
    void anHonestSubmissionIsAcceptedAndSettledAsFromTheWholeLedgers() {
        Ledger a = new Ledger(A);
        a.receipt(B, 100);
        long latest = a.receipt(B, 250);
        long size = a.tree.size();
        CheckedSubmission checked = SubmissionCheck.check(a.submit(List.of(a.entry(latest, size))), SHARD, EPOCH)
                .orElseThrow();
        Ledger b = new Ledger(B);
        b.receipt(A, 40);
        CheckedSubmission fromB = SubmissionCheck.check(b.submit(List.of(b.entry(0, 1))), SHARD, EPOCH).orElseThrow();
        EpochClose.Closed closed = EpochClose.close(SHARD, SCHEDULE, EPOCH, List.of(checked, fromB), List.of());
        List<SignedReceipt> all = new ArrayList<>();
        for (Ledger l : List.of(a, b)) {
            for (byte[] r : l.records) {
                Receipt body = (Receipt) Record.decode(r).body();
                all.add(SignedReceipt.fromLedger(body.counterparty(), body.statement(), body.signature()));
            }
        }
        assertArrayEquals(Settlement.settle(SCHEDULE, new EpochInputs(EPOCH, List.of(checked.checkpoint(),
                fromB.checkpoint()), all, List.of(), List.of())).encode(), closed.result().encode(),
                "the latest receipt per slot settles as every receipt does");
        assertEquals(3, closed.leaves().size());
        assertEquals(250, closed.members().stream().filter(m -> m.reward().node().equals(A.publicKey())).findFirst()
                .orElseThrow().reward().reward());
    }

    @Test
    void aReceiptNotInTheCheckpointAForgedProofAndAStrangerAreRefusedNamingWhy() {
        Ledger a = new Ledger(A);
        a.receipt(B, 100);
        SignedCheckpoint covering = a.checkpoint();
        long beyond = a.receipt(B, 900);
        byte[] late = new Submission(EPOCH, A.publicKey(), covering, List.of(a.entry(beyond, 2))).sign(A);
        assertEquals(BeaconRejection.RECORD_BEYOND_CHECKPOINT, reason(late));

        List<Hash> forged = List.of(Hash.of(new byte[32]));
        byte[] forgedProof = new Submission(EPOCH, A.publicKey(), a.checkpoint(), List.of(new Submission.Entry(1,
                a.records.get(1), forged))).sign(A);
        assertEquals(BeaconRejection.PROOF_INVALID, reason(forgedProof));

        NodeIdentity stranger = Fixtures.identity(0x5F);
        Ledger s = new Ledger(stranger);
        s.receipt(A, 5);
        assertEquals(BeaconRejection.NOT_A_MEMBER, reason(s.submit(List.of(s.entry(0, 1)))));
        assertEquals(BeaconRejection.WRONG_EPOCH, SubmissionCheck.check(a.submit(List.of()), SHARD, EPOCH + 1)
                .rejection().orElseThrow().reason());
        byte[] tampered = a.submit(List.of(a.entry(0, 2)));
        tampered[tampered.length - 1] ^= 1;
        assertEquals(BeaconRejection.BAD_SIGNATURE, reason(tampered));
    }

    @Test
    void aRewardVerifiesFromACosignedBeaconCheckpointAndTheLeafAlone() {
        Ledger a = new Ledger(A);
        a.receipt(B, 100);
        Ledger b = new Ledger(B);
        b.receipt(A, 1);
        EpochClose.Closed closed = EpochClose.close(SHARD, SCHEDULE, EPOCH, List.of(
                SubmissionCheck.check(a.submit(List.of(a.entry(0, 1))), SHARD, EPOCH).orElseThrow(),
                SubmissionCheck.check(b.submit(List.of(b.entry(0, 1))), SHARD, EPOCH).orElseThrow()), List.of());
        LeafTree log = new LeafTree();
        closed.leaves().forEach(l -> log.append(TreeHasher.leaf(l)));
        NodeIdentity beacon = C;
        SignedCheckpoint note = SignedCheckpoint.sign(new Checkpoint(Beacons.logOrigin(SHARD.shardId(),
                beacon.publicKey()), log.size(), log.root(log.size())), beacon);
        int index = closed.members().indexOf(closed.members().stream()
                .filter(m -> m.reward().node().equals(A.publicKey())).findFirst().orElseThrow());
        byte[] leafA = closed.leaves().get(index);
        SignedCheckpoint once = note.cosign(Beacons.witnessName(A.publicKey()), A, 1);
        assertEquals(BeaconRejection.TOO_FEW_COSIGNATURES, RewardProof.verify(SHARD, once, leafA,
                log.inclusion(index, log.size())).rejection().orElseThrow().reason());
        SignedCheckpoint twice = once.cosign(Beacons.witnessName(B.publicKey()), B, 1);
        Outcome<MemberLeaf, BeaconRejection> verified = RewardProof.verify(SHARD, twice, leafA,
                log.inclusion(index, log.size()));
        assertEquals(100, verified.orElseThrow().reward().reward());
        assertEquals(BeaconRejection.PROOF_INVALID, RewardProof.verify(SHARD, twice, leafA,
                log.inclusion(index == 0 ? 1 : 0, log.size())).rejection().orElseThrow().reason());
        SignedCheckpoint byStranger = SignedCheckpoint.sign(new Checkpoint(Beacons.logOrigin(SHARD.shardId(),
                Fixtures.identity(0x5F).publicKey()), log.size(), log.root(log.size())), Fixtures.identity(0x5F));
        assertEquals(BeaconRejection.NOT_SIGNED_BY_BEACON, RewardProof.verify(SHARD, byStranger, leafA,
                log.inclusion(index, log.size())).rejection().orElseThrow().reason());
        assertNotEquals(0, closed.resultLeaf().members());
    }

    private static BeaconRejection reason(byte[] signed) {
        return SubmissionCheck.check(signed, SHARD, EPOCH).rejection().orElseThrow().reason();
    }
}
