package io.smartshare.node.config;

import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.receipt.Tolerance;
import io.smartshare.contracts.schedule.ScheduleRejection;
import io.smartshare.contracts.schedule.VerifiedSchedule;
import io.smartshare.hal.config.ConfigMap;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.IdentityException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code rewards:} section of an operator config:
 * <pre>
 * rewards:
 *   trusted-issuers:                  # Ed25519 public keys (64 hex digits) of schedule issuers
 *     - 0b3c...
 *   schedule: schedule.cose           # signed schedule (COSE_Sign1); relative to this file
 *   receipt-interval-seconds: 60      # 1..86400
 *   relay-grace-bytes: 1073741824     # what a neighbour may owe before the uplink cuts it
 *   relay-price-per-mb: 0             # micro-tokens asked per 1,000,000 bytes relayed (0..2^32-1)
 *   tolerance:                        # per resource (relay.up, relay.down, storage, cpu)
 *     cpu: {basis-points: 200, slack: 1000}   # defaults 200 (2 %) and 16384 units
 * </pre>
 * A schedule must verify against the trusted issuers; every error names file, line and key.
 */
public final class RewardsConfigReader {
    private RewardsConfigReader() {
    }

    /** Reads {@code rewards}, the section's mapping; unknown keys fail with file, line and key. */
    public static RewardsConfig read(ConfigMap rewards) {
        Set<Ed25519PublicKey> trusted = new LinkedHashSet<>();
        for (String hex : rewards.stringList("trusted-issuers")) {
            try {
                trusted.add(Ed25519PublicKey.of(HexFormat.of().parseHex(hex)));
            } catch (IdentityException | IllegalArgumentException e) {
                throw rewards.invalid("trusted-issuers", "'" + hex + "' is not an Ed25519 public key in hex: "
                        + e.getMessage());
            }
        }
        Optional<VerifiedSchedule> schedule = rewards.optionalString("schedule")
                .map(name -> schedule(rewards, name, trusted));
        int interval = rewards.optionalInteger("receipt-interval-seconds", 1, 86_400).map(Long::intValue)
                .orElse(RewardsConfig.DEFAULT_RECEIPT_INTERVAL_SECONDS);
        Map<Resource, Tolerance> tolerances = RewardsConfig.defaultTolerances();
        rewards.optionalMap("tolerance").ifPresent(section -> readTolerances(section, tolerances));
        long grace = rewards.optionalInteger("relay-grace-bytes", 1, Long.MAX_VALUE)
                .orElse(RewardsConfig.DEFAULT_RELAY_GRACE_BYTES);
        long price = rewards.optionalInteger("relay-price-per-mb", 0, RewardsConfig.MAX_RELAY_PRICE).orElse(0L);
        rewards.requireNoOtherKeys();
        return new RewardsConfig(trusted, schedule, interval, tolerances, grace, price);
    }

    private static Tolerance tolerance(ConfigMap entry) {
        Tolerance tolerance = new Tolerance(
                entry.optionalInteger("basis-points", 0, 10_000).orElse(Tolerance.DEFAULT.basisPoints()),
                entry.optionalInteger("slack", 0, Long.MAX_VALUE).orElse(Tolerance.DEFAULT.slack()));
        entry.requireNoOtherKeys();
        return tolerance;
    }

    private static void readTolerances(ConfigMap section, Map<Resource, Tolerance> tolerances) {
        section.eachMap(RewardsConfigReader::tolerance).forEach((name, tolerance) -> tolerances.put(Arrays.stream(Resource.values())
                        .filter(r -> r.toString().equals(name)).findFirst()
                        .orElseThrow(() -> section.invalid(name, "unknown resource; expected one of "
                                + Arrays.toString(Resource.values()))), tolerance));
    }

    private static VerifiedSchedule schedule(ConfigMap rewards, String name, Set<Ed25519PublicKey> trusted) {
        Path file = Path.of(rewards.source()).toAbsolutePath().resolveSibling(name);
        Outcome<VerifiedSchedule, ScheduleRejection> outcome;
        try {
            outcome = ScheduleFile.verify(file, trusted);
        } catch (IOException e) {
            throw rewards.invalid("schedule", "cannot read " + file + ": " + e);
        }
        if (outcome.rejection().isPresent()) {
            throw rewards.invalid("schedule", file + ": " + outcome.rejection().get());
        }
        return outcome.acceptedValue().orElseThrow();
    }
}
