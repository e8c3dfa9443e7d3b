package io.smartshare.node.beacon;

import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.beacon.BeaconRejection;
import io.smartshare.contracts.beacon.CheckedSubmission;
import io.smartshare.contracts.beacon.EpochClose;
import io.smartshare.contracts.beacon.ResultLeaf;
import io.smartshare.contracts.beacon.RewardProof;
import io.smartshare.contracts.beacon.ShardMembership;
import io.smartshare.contracts.beacon.SubmissionCheck;
import io.smartshare.contracts.schedule.VerifiedSchedule;
import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.storage.DurableFile;
import io.smartshare.node.mesh.coap.PeerLink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes epochs (docs/beacon.md §3–§6). At each {@link #tick()}, for the last epoch that
 * ended: if this member knows it closed, nothing; else every {@link #LEARN_EVERY_MILLIS} it
 * asks the candidates whose turn came before its own whether one closed it (a closure that
 * verifies is kept, and ends it). When its own turn in the epoch's beacon order comes ({@code
 * takeover-seconds} after the one before, the first {@link #DELAY_MILLIS} after the epoch's
 * end) and none did, it is the beacon: it learns the epoch before if it does not know it (its
 * marks), gathers every
 * member's submission, checks each ({@link SubmissionCheck}; a refused one is kept as evidence
 * and leaves that member out), settles, appends the leaves to its log, signs it and asks every
 * member to cosign, until the quorum has. Runs on the beacon service's worker thread.
 */
class EpochCloser {
    private static final Logger LOG = LoggerFactory.getLogger(EpochCloser.class);
    /** How long after an epoch's end its first beacon starts: members' last receipts land. */
    static final long DELAY_MILLIS = 2_000;
    /** How often a member asks the candidates before it whether the epoch closed. */
    static final long LEARN_EVERY_MILLIS = 3_000;

    /** What a closer works with. */
    record Parts(Ed25519PublicKey self, ShardMembership membership, VerifiedSchedule schedule, OwnSubmission own,
            WitnessDesk witness, BeaconLog log, Closures closures, BeaconCalls calls, Path evidence,
            LongSupplier clock) {
    }

    private final Ed25519PublicKey self;
    private final ShardMembership membership;
    private final VerifiedSchedule schedule;
    private final OwnSubmission own;
    private final WitnessDesk witness;
    private final BeaconLog log;
    private final Closures closures;
    private final BeaconCalls calls;
    private final Path evidence;
    private final LongSupplier clock;
    private final long firstEpoch;
    /** The size each member last cosigned of this node's log, as far as this beacon knows. */
    private final Map<Ed25519PublicKey, Long> witnessed = new HashMap<>();
    private long refused;
    private long nextLearningMillis;
    /** The epoch for which this member, its turn come, last asked the candidates before it. */
    private long askedAtTurn = -1;

    EpochCloser(Parts parts) {
        this.self = parts.self();
        this.membership = parts.membership();
        this.schedule = parts.schedule();
        this.own = parts.own();
        this.witness = parts.witness();
        this.log = parts.log();
        this.closures = parts.closures();
        this.calls = parts.calls();
        this.evidence = parts.evidence();
        this.clock = parts.clock();
        this.firstEpoch = membership.epochAt(clock.getAsLong());
    }

    void tick() {
        long now = clock.getAsLong();
        long epoch = membership.epochAt(now) - 1;
        if (epoch < firstEpoch || closures.get(epoch).isPresent()) {
            return;
        }
        long elapsed = now - membership.endMillis(epoch) - DELAY_MILLIS;
        if (elapsed < 0) {
            return;
        }
        long slot = elapsed / (membership.takeoverSeconds() * 1000);
        int turn = membership.order(epoch).indexOf(self);
        boolean myTurn = slot >= turn;
        if (now >= nextLearningMillis || (myTurn && askedAtTurn != epoch)) {
            nextLearningMillis = now + LEARN_EVERY_MILLIS;
            askedAtTurn = myTurn ? epoch : askedAtTurn;
            if (learnt(epoch, (int) Math.min(slot, turn))) {
                return;
            }
        }
        if (myTurn) {
            try {
                close(epoch);
            } catch (IOException e) {
                LOG.warn("event=beacon-close-failed epoch={} reason=\"{}\"", epoch, e.getMessage());
            }
        }
    }

    /** Whether one of the first {@code candidates} in {@code epoch}'s order knows it closed (the closure is then kept). */
    private boolean learnt(long epoch, int candidates) {
        for (Ed25519PublicKey before : membership.order(epoch).subList(0, candidates)) {
            if (!before.equals(self) && learnt(epoch, before)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code member} knows {@code epoch} closed with a closure that verifies; kept if so. */
    private boolean learnt(long epoch, Ed25519PublicKey member) {
        Optional<byte[]> bytes = calls.closure(NodeId.of(member), epoch);
        if (bytes.isEmpty()) {
            return false;
        }
        try {
            Closure closure = Closure.decode(bytes.get());
            Outcome<ResultLeaf, BeaconRejection> checked = RewardProof.verifyResult(membership, closure.note(),
                    closure.resultLeaf(), closure.proof(), closure.result());
            if (closure.epoch() == epoch && checked.acceptedValue().filter(l -> l.epoch() == epoch).isPresent()) {
                closures.keep(closure);
                LOG.info("event=beacon-epoch-learnt epoch={} from={} beacon-log={}", epoch, NodeId.of(member),
                        closure.note().origin());
                return true;
            }
            LOG.warn("event=beacon-closure-refused epoch={} from={} reason=\"{}\"", epoch, NodeId.of(member), checked);
        } catch (IOException | RuntimeException e) {
            LOG.warn("event=beacon-closure-refused epoch={} from={} reason=\"{}\"", epoch, NodeId.of(member),
                    e.getMessage());
        }
        return false;
    }

    private void close(long epoch) throws IOException {
        if (!log.holds(epoch)) {
            if (closures.get(epoch - 1).isEmpty()) {
                learnt(epoch - 1, membership.members().size()); // the marks this epoch is settled after
            }
            List<CheckedSubmission> accepted = new ArrayList<>();
            for (Ed25519PublicKey member : membership.members()) {
                submission(epoch, member).ifPresent(accepted::add);
            }
            EpochClose.Closed closed = EpochClose.close(membership, schedule, epoch, accepted,
                    closures.marksBefore(epoch));
            log.append(closed.leaves());
            DurableFile.replace(Files.createDirectories(evidence.resolveSibling("results"))
                    .resolve(epoch + ".result"), closed.result().encode());
            LOG.info("event=beacon-epoch-settled epoch={} members={} of={} log-size={}", epoch, accepted.size(),
                    membership.members().size(), log.size());
        }
        List<SignedCheckpoint> shown = shown(log.sign());
        SignedCheckpoint note = shown.get(0);
        for (Ed25519PublicKey member : membership.members()) {
            if (RewardProof.cosigned(membership, note).acceptedValue().isPresent()) {
                break; // the quorum, and no more: a note carries at most 8 KiB
            }
            note = cosigned(note, member);
        }
        for (SignedCheckpoint other : shown.subList(1, shown.size())) {
            for (Ed25519PublicKey member : membership.members()) {
                cosigned(other, member);
            }
        }
        Optional<Outcome.Rejected<Ed25519PublicKey, BeaconRejection>> missing = RewardProof.cosigned(membership, note)
                .rejection();
        if (missing.isPresent()) {
            LOG.warn("event=beacon-quorum-missing epoch={} reason=\"{}\"", epoch, missing.get().detail());
            return;
        }
        long[] range = log.range(epoch).orElseThrow();
        long resultIndex = range[0] + range[1] - 1;
        byte[] result = Files.readAllBytes(evidence.resolveSibling("results").resolve(epoch + ".result"));
        closures.keep(new Closure(epoch, note, result, log.leaf(resultIndex), log.inclusion(resultIndex, note.size())));
        LOG.info("event=beacon-epoch-closed epoch={} beacon-log-size={}", epoch, note.size());
    }

    /**
     * The checkpoints the members are asked to cosign, in turn: the one signed. A test double
     * of a beacon that equivocates shows a second history after it; the first is kept.
     */
    List<SignedCheckpoint> shown(SignedCheckpoint note) {
        return List.of(note);
    }

    private Optional<CheckedSubmission> submission(long epoch, Ed25519PublicKey member) {
        byte[] signed;
        try {
            signed = member.equals(self) ? own.signed(epoch) : askTwice(member, epoch);
        } catch (PeerLink.Failure e) {
            LOG.warn("event=beacon-submission-missing epoch={} member={} reason=\"{}\"", epoch, NodeId.of(member),
                    e.getMessage());
            return Optional.empty();
        } catch (Exception e) {
            LOG.warn("event=beacon-submission-missing epoch={} member=self reason=\"{}\"", epoch, e.toString());
            return Optional.empty();
        }
        Outcome<CheckedSubmission, BeaconRejection> checked = SubmissionCheck.check(signed, membership, epoch);
        if (checked.rejection().isPresent()) {
            keepEvidence(epoch, member, checked.rejection().get().reason(), checked.rejection().get().detail(), signed);
            return Optional.empty();
        }
        return checked.acceptedValue();
    }

    /** A member's submission, asked for again once if the first request got no answer (a lost datagram, a slow hop). */
    private byte[] askTwice(Ed25519PublicKey member, long epoch) throws PeerLink.Failure {
        try {
            return calls.submission(NodeId.of(member), epoch);
        } catch (PeerLink.Failure e) {
            if (e.answered()) {
                throw e;
            }
            return calls.submission(NodeId.of(member), epoch);
        }
    }

    private void keepEvidence(long epoch, Ed25519PublicKey member, BeaconRejection reason, String detail,
            byte[] signed) {
        refused++;
        Path file = evidence.resolve("submission-" + epoch + "-" + NodeId.of(member).value() + "-"
                + reason.name().toLowerCase(java.util.Locale.ROOT) + ".cose");
        try {
            Files.createDirectories(evidence);
            DurableFile.replace(file, signed);
        } catch (IOException e) {
            LOG.warn("event=beacon-evidence-unwritable file={} reason=\"{}\"", file, e.getMessage());
        }
        LOG.warn("event=beacon-submission-refused epoch={} member={} reason={} detail=\"{}\" evidence={}", epoch,
                NodeId.of(member), reason, detail, file);
    }

    private SignedCheckpoint cosigned(SignedCheckpoint note, Ed25519PublicKey member) throws IOException {
        for (int attempt = 0; attempt < 2; attempt++) {
            long from = Math.min(witnessed.getOrDefault(member, 0L), note.size());
            WitnessDesk.Answer answer;
            try {
                answer = member.equals(self) ? witness.cosign(note, from, log.consistency(from, note.size()))
                        : calls.witness(NodeId.of(member), note, log.consistency(from, note.size()));
            } catch (PeerLink.Failure e) {
                LOG.warn("event=beacon-cosignature-missing member={} reason=\"{}\"", NodeId.of(member), e.getMessage());
                return note;
            }
            if (answer instanceof WitnessDesk.Cosigned c) {
                witnessed.put(member, note.size());
                return note.withSignaturesOf(c.note());
            }
            if (answer instanceof WitnessDesk.WrongSize w && w.size() <= note.size()) {
                witnessed.put(member, w.size());
                continue;
            }
            LOG.warn("event=beacon-cosignature-refused member={} reason=\"{}\"", NodeId.of(member), answer);
            return note;
        }
        return note;
    }

    long refused() {
        return refused;
    }
}
