package io.smartshare.node.config;

import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.receipt.Tolerance;
import io.smartshare.contracts.schedule.VerifiedSchedule;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operator's {@code rewards:} section (docs/operator-guide.md, "Rewards").
 *
 * @param trustedIssuers keys whose reward schedules this node accepts
 * @param schedule the schedule in force, verified against {@code trustedIssuers} when read
 * @param receiptIntervalSeconds how often the node signs receipts for the relaying its
 *     neighbours did for it and sends them (also how often its per-peer meter is stored)
 * @param tolerances how far a receipt may be from this node's own meter, per resource
 *     (docs/contracts.md §4.3); every resource has one
 * @param relayGraceBytes relay service a neighbour may owe (provided, not covered by its
 *     accepted receipts) before the uplink stops forwarding for it (docs/uplink.md "Pay to relay")
 * @param relayPrice what this node asks for relaying, micro-tokens per 1,000,000 bytes, 0 for
 *     nothing: advertised in its hellos, and a priced channel paying less is refused
 */
public record RewardsConfig(Set<Ed25519PublicKey> trustedIssuers, Optional<VerifiedSchedule> schedule,
        int receiptIntervalSeconds, Map<Resource, Tolerance> tolerances, long relayGraceBytes, long relayPrice) {
    /** The highest {@link #relayPrice}: what a hello carries (unsigned 32 bits). */
    public static final long MAX_RELAY_PRICE = 0xFFFF_FFFFL;
    /** Default {@link #receiptIntervalSeconds}: one receipt per neighbour and minute at most. */
    public static final int DEFAULT_RECEIPT_INTERVAL_SECONDS = 60;
    /**
     * Default {@link #relayGraceBytes}: 1 GiB, a minute at 143 Mbit/s, so a neighbour paying
     * every minute (the default receipt interval) is not cut between its receipts unless it
     * draws more than that.
     */
    public static final long DEFAULT_RELAY_GRACE_BYTES = 1L << 30;

    public RewardsConfig {
        trustedIssuers = Set.copyOf(trustedIssuers);
        tolerances = Map.copyOf(tolerances);
        if (!tolerances.keySet().containsAll(EnumSet.allOf(Resource.class))) {
            throw new IllegalArgumentException("tolerances: expected one for every resource, found " + tolerances.keySet());
        }
        if (receiptIntervalSeconds < 1 || receiptIntervalSeconds > 86_400) {
            throw new IllegalArgumentException("receipt-interval-seconds: expected 1 to 86400");
        }
        if (relayGraceBytes < 1) {
            throw new IllegalArgumentException("relay-grace-bytes: expected at least 1");
        }
        if (relayPrice < 0 || relayPrice > MAX_RELAY_PRICE) {
            throw new IllegalArgumentException("relay-price-per-mb: expected 0 to " + MAX_RELAY_PRICE);
        }
    }

    /** No trusted issuer, no schedule, receipts every minute, the default tolerance and grace, no price. */
    public static RewardsConfig defaults() {
        return new RewardsConfig(Set.of(), Optional.empty(), DEFAULT_RECEIPT_INTERVAL_SECONDS, defaultTolerances(),
                DEFAULT_RELAY_GRACE_BYTES, 0);
    }

    /** {@link Tolerance#DEFAULT} (2 % plus 16 384 units) for every resource. */
    public static Map<Resource, Tolerance> defaultTolerances() {
        Map<Resource, Tolerance> all = new EnumMap<>(Resource.class);
        for (Resource resource : Resource.values()) {
            all.put(resource, Tolerance.DEFAULT);
        }
        return all;
    }
}
