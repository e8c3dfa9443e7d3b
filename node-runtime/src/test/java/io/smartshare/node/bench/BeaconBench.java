package io.smartshare.node.bench;

import io.smartshare.contracts.CheckpointRef;
import io.smartshare.contracts.beacon.CheckedSubmission;
import io.smartshare.contracts.beacon.EpochClose;
import io.smartshare.contracts.beacon.ShardMembership;
import io.smartshare.contracts.beacon.Submission;
import io.smartshare.contracts.beacon.SubmissionCheck;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.receipt.ReceiptClaim;
import io.smartshare.contracts.receipt.SignedReceipt;
import io.smartshare.contracts.schedule.RateTerms;
import io.smartshare.contracts.schedule.RewardSchedule;
import io.smartshare.contracts.schedule.ScheduleVerifier;
import io.smartshare.contracts.schedule.VerifiedSchedule;
import io.smartshare.contracts.settlement.EpochInputs;
import io.smartshare.contracts.settlement.MemberCheckpoint;
import io.smartshare.contracts.settlement.Settlement;
import io.smartshare.ledger.checkpoint.Checkpoint;
import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.merkle.Hash;
import io.smartshare.ledger.merkle.LeafTree;
import io.smartshare.ledger.merkle.TreeHasher;
import io.smartshare.ledger.record.Receipt;
import io.smartshare.ledger.record.Record;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Closing an epoch through the beacon at 10, 100 and 1,000 members simulated in this JVM
 * (docs/beacon.md, "Cost"): each member's ledger holds {@link #ROUNDS} receipt rounds from
 * {@link #CONSUMERS} other members for relay.up and relay.down; each sends the beacon its
 * signed submission (checkpoint and the latest receipt per consumer and resource, with
 * proofs). The beacon checks every submission, settles and builds its log's leaves and root.
 * The reference, in the same run: every member sends its whole ledger, and settlement decodes
 * every record and checks every receipt. Prints BENCH lines: the close time (the best of
 * three runs, one at 1,000 members) and the bytes a member sends.
 */
public final class BeaconBench {
    static final int ROUNDS = 25;
    static final int CONSUMERS = 4;

    private BeaconBench() {
    }

    /** One simulated member: its identity, its ledger's encoded records, its tree. */
    private record Member(NodeIdentity identity, List<byte[]> records, LeafTree tree) {
    }

    public static void main(String[] args) {
        NodeIdentity issuer = identity(0);
        VerifiedSchedule schedule = new ScheduleVerifier(Set.of(issuer.publicKey())).verify(new RewardSchedule(1, 0,
                1_000_000_000, Map.of(Resource.RELAY_UP, new RateTerms(1, 1_000, 1_000_000), Resource.RELAY_DOWN,
                new RateTerms(1, 1_000, 1_000_000))).sign(issuer)).orElseThrow();
        for (int n : new int[] {10, 100, 1_000}) {
            run(n, schedule);
        }
    }

    private static void run(int n, VerifiedSchedule schedule) {
        List<NodeIdentity> identities = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            identities.add(identity(i));
        }
        ShardMembership membership = new ShardMembership("bench", 1, identities.stream().map(NodeIdentity::publicKey)
                .toList(), Math.min(ShardMembership.MAX_QUORUM, Math.max(1, n * 2 / 3)), 3_600, 60);
        long epoch = 1;
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            members.add(ledger(identities, i));
        }
        List<byte[]> submissions = new ArrayList<>();
        long submitted = 0;
        long whole = 0;
        for (Member m : members) {
            byte[] signed = submission(m, epoch);
            submissions.add(signed);
            submitted += signed.length;
            whole += m.records().stream().mapToLong(r -> r.length).sum() + checkpoint(m).encoded().length;
        }
        int rounds = n < 1_000 ? 3 : 1; // the best of three, but once at 1,000: the reference takes a minute
        long[] ours = new long[rounds];
        long[] reference = new long[rounds];
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            List<CheckedSubmission> checked = new ArrayList<>();
            for (byte[] s : submissions) {
                checked.add(SubmissionCheck.check(s, membership, epoch).orElseThrow());
            }
            EpochClose.Closed closed = EpochClose.close(membership, schedule, epoch, checked, List.of());
            LeafTree log = new LeafTree();
            closed.leaves().forEach(l -> log.append(TreeHasher.leaf(l)));
            log.root(log.size());
            ours[round] = System.nanoTime() - start;

            start = System.nanoTime();
            List<MemberCheckpoint> checkpoints = new ArrayList<>();
            List<SignedReceipt> receipts = new ArrayList<>();
            for (Member m : members) {
                SignedCheckpoint note = checkpoint(m);
                LeafTree tree = new LeafTree();
                for (byte[] r : m.records()) {
                    tree.append(TreeHasher.leaf(r));
                    Receipt body = (Receipt) Record.decode(r).body();
                    receipts.add(SignedReceipt.fromLedger(body.counterparty(), body.statement(), body.signature()));
                }
                if (!tree.root(tree.size()).equals(note.root()) || !note.isSignedBy(m.identity().publicKey())) {
                    throw new IllegalStateException("a whole ledger does not match its checkpoint");
                }
                checkpoints.add(new MemberCheckpoint(m.identity().publicKey(), CheckpointRef.of(note.size(),
                        note.root().bytes())));
            }
            Settlement.settle(schedule, new EpochInputs(epoch, checkpoints, receipts, List.of(), List.of()));
            reference[round] = System.nanoTime() - start;
        }
        BenchKit.bench("beacon-epoch-close-" + n + "-members", best(ours) / 1e6, best(reference) / 1e6, "ms",
                "none (reference: settling from every member's whole ledger, " + ROUNDS * CONSUMERS * 2
                        + " receipts each)");
        BenchKit.bench("beacon-bytes-sent-per-member-" + n + "-members", (double) submitted / n, (double) whole / n, "B",
                "none (reference: the member's whole ledger)");
        System.out.printf(java.util.Locale.ROOT, "BENCH beacon-result-bytes-%d-members ours=%dB (informative: the"
                + " result a closure carries)%n", n, EpochClose.close(membership, schedule, epoch, submissions.stream()
                .map(s -> SubmissionCheck.check(s, membership, epoch).orElseThrow()).toList(), List.of()).result()
                .encode().length);
    }

    private static long best(long[] times) {
        long best = Long.MAX_VALUE;
        for (long t : times) {
            best = Math.min(best, t);
        }
        return best;
    }

    private static NodeIdentity identity(int i) {
        byte[] seed = ByteBuffer.allocate(32).putInt(i).putInt(0x5eed).array();
        return NodeIdentity.fromSeed(seed);
    }

    private static Member ledger(List<NodeIdentity> all, int i) {
        NodeIdentity self = all.get(i);
        Member m = new Member(self, new ArrayList<>(), new LeafTree());
        for (int round = 1; round <= ROUNDS; round++) {
            for (int c = 1; c <= CONSUMERS && c < all.size(); c++) {
                NodeIdentity consumer = all.get((i + c) % all.size());
                for (Resource resource : List.of(Resource.RELAY_UP, Resource.RELAY_DOWN)) {
                    ReceiptClaim claim = new ReceiptClaim(self.publicKey(), consumer.publicKey(), resource,
                            round * 10_000L, 0, round * 60_000L, new byte[ReceiptClaim.NONCE_LENGTH],
                            CheckpointRef.of(0, new byte[32]));
                    long seq = m.records().size();
                    Hash prev = seq == 0 ? Hash.ZERO : TreeHasher.leaf(m.records().get((int) seq - 1));
                    byte[] record = new Record(seq, prev, round * 60_000L, SignedReceipt.sign(claim, consumer)
                            .ledgerEntry()).encode();
                    m.records().add(record);
                    m.tree().append(TreeHasher.leaf(record));
                }
            }
        }
        return m;
    }

    private static SignedCheckpoint checkpoint(Member m) {
        return SignedCheckpoint.sign(new Checkpoint(Checkpoint.originOf(NodeId.of(m.identity().publicKey())),
                m.tree().size(), m.tree().root(m.tree().size())), m.identity());
    }

    /** The latest receipt of each consumer and resource: the last 2 × CONSUMERS records. */
    private static byte[] submission(Member m, long epoch) {
        SignedCheckpoint note = checkpoint(m);
        List<Submission.Entry> entries = new ArrayList<>();
        int size = m.records().size();
        for (int seq = Math.max(0, size - 2 * CONSUMERS); seq < size; seq++) {
            entries.add(new Submission.Entry(seq, m.records().get(seq), m.tree().inclusion(seq, size).path()));
        }
        return new Submission(epoch, m.identity().publicKey(), note, entries).sign(m.identity());
    }
}
