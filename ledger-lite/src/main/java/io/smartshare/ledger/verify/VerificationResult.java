package io.smartshare.ledger.verify;

import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.merkle.Hash;
import java.util.Objects;
import java.util.Optional;

/** The answer of a verification: accept, or reject with the first reason found. */
public sealed interface VerificationResult permits VerificationResult.Accepted, VerificationResult.Rejected {

    /** True for {@link Accepted}. */
    default boolean accepted() {
        return this instanceof Accepted;
    }

    /**
     * Every record checked.
     *
     * @param size records verified
     * @param root tree hash of those records
     * @param checkpointsVerified signed checkpoints (markers in the log and supplied ones) that matched
     * @param latestCheckpoint the largest of them, if any
     */
    record Accepted(long size, Hash root, int checkpointsVerified, Optional<SignedCheckpoint> latestCheckpoint)
            implements VerificationResult {
        public Accepted {
            Objects.requireNonNull(root, "root");
            Objects.requireNonNull(latestCheckpoint, "latestCheckpoint");
        }
    }

    /**
     * The log is not acceptable.
     *
     * @param seq the record (or checkpoint size) at fault
     * @param reason what is wrong, naming expected and found values
     */
    record Rejected(long seq, String reason) implements VerificationResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
