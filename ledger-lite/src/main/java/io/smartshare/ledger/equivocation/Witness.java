package io.smartshare.ledger.equivocation;

import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.merkle.ConsistencyProof;
import java.util.Objects;
import java.util.Optional;

/**
 * A witness for one log: cosigns a checkpoint only after checking its signature and that
 * it extends the last checkpoint this witness cosigned (C2SP tlog-witness style). Keeps
 * that last checkpoint in memory; thread-safe.
 */
public final class Witness {
    private final String name;
    private final NodeIdentity identity;
    private final EquivocationDetector detector;
    private Optional<SignedCheckpoint> last = Optional.empty();

    /** A witness named {@code name} signing with {@code identity} for the log of {@code logKey}. */
    public Witness(String name, NodeIdentity identity, Ed25519PublicKey logKey) {
        this.name = Objects.requireNonNull(name, "name");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.detector = new EquivocationDetector(Objects.requireNonNull(logKey, "logKey"));
    }

    /** The outcome of {@link #cosign}. */
    public sealed interface Outcome permits Cosigned, Refused, Equivocation {
    }

    /** The checkpoint with this witness's cosignature added. */
    public record Cosigned(SignedCheckpoint checkpoint) implements Outcome {
    }

    /** Not cosigned, and why. */
    public record Refused(String reason) implements Outcome {
    }

    /** The log contradicted itself. */
    public record Equivocation(EquivocationEvidence evidence) implements Outcome {
    }

    /**
     * Cosigns {@code checkpoint} at {@code timeSeconds} if it is signed by the log and
     * {@code proof} shows it extends the last checkpoint cosigned here (ignored for the
     * first one).
     */
    public synchronized Outcome cosign(SignedCheckpoint checkpoint, ConsistencyProof proof, long timeSeconds) {
        EquivocationDetector.Observation seen = detector.observe(checkpoint);
        if (seen instanceof EquivocationDetector.Observation.Conflict c) {
            return new Equivocation(c.evidence());
        }
        if (seen instanceof EquivocationDetector.Observation.Invalid invalid) {
            return new Refused(invalid.reason());
        }
        if (last.isPresent()) {
            SignedCheckpoint previous = last.get();
            if (checkpoint.size() < previous.size()) {
                return new Refused("checkpoint of size " + checkpoint.size() + " is older than the cosigned size "
                        + previous.size());
            }
            if (checkpoint.size() > previous.size()) {
                EquivocationDetector.Observation consistent = detector.checkConsistency(previous, checkpoint, proof);
                if (consistent instanceof EquivocationDetector.Observation.Conflict c) {
                    return new Equivocation(c.evidence());
                }
                if (consistent instanceof EquivocationDetector.Observation.Invalid invalid) {
                    return new Refused(invalid.reason());
                }
            }
        }
        last = Optional.of(checkpoint);
        return new Cosigned(checkpoint.cosign(name, identity, timeSeconds));
    }

    /** The witness's public key, for verifiers of its cosignatures. */
    public Ed25519PublicKey publicKey() {
        return identity.publicKey();
    }
}
