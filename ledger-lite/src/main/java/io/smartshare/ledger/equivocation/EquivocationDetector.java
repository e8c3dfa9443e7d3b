package io.smartshare.ledger.equivocation;

import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.merkle.ConsistencyProof;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers the checkpoints of one log seen from anywhere (peers, beacon, gossip) and
 * reports when two conflict. Keeps the most recent {@value #REMEMBERED} sizes.
 * Thread-safe.
 */
public final class EquivocationDetector {
    /** How many checkpoint sizes are remembered. */
    public static final int REMEMBERED = 1024;

    private final Ed25519PublicKey key;
    private final Map<Long, SignedCheckpoint> seen = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, SignedCheckpoint> eldest) {
            return size() > REMEMBERED;
        }
    };

    public EquivocationDetector(Ed25519PublicKey logKey) {
        this.key = logKey;
    }

    /**
     * Notes a checkpoint. Returns evidence if one of the same size with a different root
     * was seen before. A checkpoint without a valid signature by the log key proves
     * nothing: it is not remembered and is reported as {@link Observation.Invalid}.
     */
    public synchronized Observation observe(SignedCheckpoint checkpoint) {
        if (!checkpoint.isSignedBy(key)) {
            return unsigned(checkpoint);
        }
        SignedCheckpoint before = seen.putIfAbsent(checkpoint.size(), checkpoint);
        if (before != null && !before.root().equals(checkpoint.root())
                && before.origin().equals(checkpoint.origin())) {
            return new Observation.Conflict(new EquivocationEvidence(
                    EquivocationEvidence.Kind.SAME_SIZE_DIFFERENT_ROOTS, before, checkpoint, Optional.empty()));
        }
        return Observation.CONSISTENT;
    }

    /**
     * Checks that {@code older} is a prefix of {@code newer} by {@code proof}; evidence if
     * both are validly signed and the proof fails.
     */
    public Observation checkConsistency(SignedCheckpoint older, SignedCheckpoint newer, ConsistencyProof proof) {
        if (!older.isSignedBy(key)) {
            return unsigned(older);
        }
        if (!newer.isSignedBy(key)) {
            return unsigned(newer);
        }
        if (proof.from() != older.size() || proof.to() != newer.size()) {
            return new Observation.Invalid("consistency proof is for sizes " + proof.from() + " to " + proof.to()
                    + ", the checkpoints have sizes " + older.size() + " and " + newer.size());
        }
        if (proof.verify(older.root(), newer.root())) {
            return Observation.CONSISTENT;
        }
        return new Observation.Conflict(new EquivocationEvidence(EquivocationEvidence.Kind.INCONSISTENT, older, newer,
                Optional.of(proof)));
    }

    private Observation unsigned(SignedCheckpoint checkpoint) {
        return new Observation.Invalid("checkpoint of size " + checkpoint.size() + " is not signed by the log key "
                + key);
    }

    /** The outcome of an observation. */
    public sealed interface Observation permits Observation.Consistent, Observation.Invalid, Observation.Conflict {
        Observation CONSISTENT = new Consistent();

        /** No conflict with anything seen. */
        record Consistent() implements Observation {
        }

        /** The input proves nothing (bad signature, mismatched proof), and why. */
        record Invalid(String reason) implements Observation {
        }

        /** A conflict, with portable evidence. */
        record Conflict(EquivocationEvidence evidence) implements Observation {
        }
    }
}
