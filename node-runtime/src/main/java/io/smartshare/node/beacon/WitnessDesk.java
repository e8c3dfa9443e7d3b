package io.smartshare.node.beacon;

import io.smartshare.contracts.beacon.Beacons;
import io.smartshare.contracts.beacon.ShardMembership;
import io.smartshare.ledger.checkpoint.CheckpointException;
import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.equivocation.EquivocationEvidence;
import io.smartshare.ledger.equivocation.Witness;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.merkle.ConsistencyProof;
import io.smartshare.ledger.storage.DurableFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This member as a witness of the shard's beacon logs (docs/beacon.md §6, after C2SP
 * tlog-witness): it cosigns a beacon checkpoint only if a member signed it under that
 * member's beacon log origin and it extends, by the consistency proof sent with it, the last
 * checkpoint of that log it cosigned ({@link Witness}). The last one cosigned per log is kept
 * in {@code <data-dir>/beacon/witnessed/<beacon id>}, so a restart forgets nothing; a beacon
 * that signs two histories gets no cosignature and leaves its equivocation evidence in {@code
 * evidence/equivocation-<beacon id>-<size>.cbor}. Thread-safe.
 */
final class WitnessDesk {
    private static final Logger LOG = LoggerFactory.getLogger(WitnessDesk.class);

    /** What a witness request gets. */
    sealed interface Answer permits Cosigned, WrongSize, Refused {
    }

    /** The note with this member's cosignature. */
    record Cosigned(SignedCheckpoint note) implements Answer {
    }

    /** The request's old size is not the size this member last cosigned: send a proof from {@code size}. */
    record WrongSize(long size) implements Answer {
    }

    /** Not cosigned, and why ({@code evidence}: the beacon equivocated). */
    record Refused(String reason, boolean evidence) implements Answer {
    }

    private final NodeIdentity identity;
    private final ShardMembership membership;
    private final Path dir;
    private final LongSupplier clock;
    private final Map<Ed25519PublicKey, Witness> witnesses = new HashMap<>();
    private final Map<Ed25519PublicKey, Long> sizes = new HashMap<>();
    private long equivocations;

    WitnessDesk(NodeIdentity identity, ShardMembership membership, Path dir, LongSupplier clock) {
        this.identity = identity;
        this.membership = membership;
        this.dir = dir;
        this.clock = clock;
    }

    /** Cosigns {@code note} given {@code proof} from {@code oldSize}, if it checks out. */
    synchronized Answer cosign(SignedCheckpoint note, long oldSize, ConsistencyProof proof) throws IOException {
        Optional<Ed25519PublicKey> beacon = membership.members().stream()
                .filter(m -> note.origin().equals(Beacons.logOrigin(membership.shardId(), m))).findFirst();
        if (beacon.isEmpty()) {
            return new Refused("not a beacon log of shard " + membership.shardId() + ": " + note.origin(), false);
        }
        Witness witness = witness(beacon.get());
        long last = sizes.getOrDefault(beacon.get(), 0L);
        if (oldSize != last && note.size() != last) {
            return new WrongSize(last);
        }
        Witness.Outcome outcome = witness.cosign(note, proof, clock.getAsLong() / 1000);
        if (outcome instanceof Witness.Cosigned c) {
            Files.createDirectories(dir.resolve("witnessed"));
            DurableFile.replace(dir.resolve("witnessed").resolve(NodeId.of(beacon.get()).value()), note.encoded());
            sizes.put(beacon.get(), note.size());
            return new Cosigned(c.checkpoint());
        }
        if (outcome instanceof Witness.Equivocation e) {
            keep(beacon.get(), e.evidence());
            return new Refused("beacon " + NodeId.of(beacon.get()) + " equivocated: " + e.evidence().kind(), true);
        }
        return new Refused(((Witness.Refused) outcome).reason(), false);
    }

    private Witness witness(Ed25519PublicKey beacon) throws IOException {
        Witness witness = witnesses.get(beacon);
        if (witness == null) {
            witness = new Witness(Beacons.witnessName(identity.publicKey()), identity, beacon);
            Path stored = dir.resolve("witnessed").resolve(NodeId.of(beacon).value());
            if (Files.exists(stored)) {
                try {
                    SignedCheckpoint last = SignedCheckpoint.parse(Files.readAllBytes(stored));
                    witness.cosign(last, new ConsistencyProof(0, last.size(), List.of()), clock.getAsLong() / 1000);
                    sizes.put(beacon, last.size());
                } catch (CheckpointException e) {
                    LOG.warn("event=beacon-witness-state-unreadable file={} reason=\"{}\"", stored, e.getMessage());
                }
            }
            witnesses.put(beacon, witness);
        }
        return witness;
    }

    private void keep(Ed25519PublicKey beacon, EquivocationEvidence evidence) throws IOException {
        equivocations++;
        Path file = dir.resolve("evidence").resolve("equivocation-" + NodeId.of(beacon).value() + "-"
                + evidence.second().size() + ".cbor");
        Files.createDirectories(file.getParent());
        DurableFile.replace(file, evidence.encode());
        LOG.warn("event=beacon-equivocation beacon={} kind={} sizes={},{} evidence={}", NodeId.of(beacon),
                evidence.kind(), evidence.first().size(), evidence.second().size(), file);
    }

    synchronized long equivocations() {
        return equivocations;
    }
}
