package io.smartshare.node.config;

import io.smartshare.contracts.schedule.VerifiedSchedule;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import java.util.Optional;
import java.util.Set;

/**
 * The operator's {@code rewards:} section (docs/operator-guide.md, "Rewards").
 *
 * @param trustedIssuers keys whose reward schedules this node accepts
 * @param schedule the schedule in force, verified against {@code trustedIssuers} when read
 * @param receiptIntervalSeconds how often the node signs receipts for the relaying its
 *     neighbours did for it and sends them (also how often its per-peer meter is stored)
 */
public record RewardsConfig(Set<Ed25519PublicKey> trustedIssuers, Optional<VerifiedSchedule> schedule,
        int receiptIntervalSeconds) {
    /** Default {@link #receiptIntervalSeconds}: one receipt per neighbour and minute at most. */
    public static final int DEFAULT_RECEIPT_INTERVAL_SECONDS = 60;

    public RewardsConfig {
        trustedIssuers = Set.copyOf(trustedIssuers);
        if (receiptIntervalSeconds < 1 || receiptIntervalSeconds > 86_400) {
            throw new IllegalArgumentException("receipt-interval-seconds: expected 1 to 86400");
        }
    }

    /** No trusted issuer, no schedule, receipts every minute. */
    public static RewardsConfig defaults() {
        return new RewardsConfig(Set.of(), Optional.empty(), DEFAULT_RECEIPT_INTERVAL_SECONDS);
    }
}
