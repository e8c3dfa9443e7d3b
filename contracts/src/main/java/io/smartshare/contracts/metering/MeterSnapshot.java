package io.smartshare.contracts.metering;

import io.smartshare.contracts.ContractException;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The node's cumulative per-peer counters at one moment (docs/contracts.md §5): bytes
 * relayed up and down for and by each peer from the mesh, storage held and CPU spent from
 * the services. Immutable; counters never absent from a snapshot read as 0.
 *
 * @param atMillis when the counters were read (ms since the Unix epoch)
 * @param counters cumulative amount per key, each {@code >= 0}
 */
public record MeterSnapshot(long atMillis, Map<MeterKey, Long> counters) {
    public MeterSnapshot {
        counters = Map.copyOf(counters);
        if (atMillis < 0) {
            throw new ContractException("meter snapshot: time must be >= 0, found " + atMillis);
        }
        counters.forEach((key, value) -> {
            if (value < 0) {
                throw new ContractException("meter snapshot: counter " + key + " must be >= 0, found " + value);
            }
        });
    }

    /** A snapshot at {@code atMillis} with no counters. */
    public static MeterSnapshot empty(long atMillis) {
        return new MeterSnapshot(atMillis, Map.of());
    }

    /** The cumulative amount under {@code key}, 0 if none was metered. */
    public long amount(MeterKey key) {
        return counters.getOrDefault(key, 0L);
    }

    /** The cumulative amount of {@code resource} in {@code role} with {@code peer}. */
    public long amount(Ed25519PublicKey peer, Resource resource, Role role) {
        return amount(new MeterKey(peer, resource, role));
    }

    /** True if any counter in {@code role} exists for {@code peer}. */
    public boolean knows(Ed25519PublicKey peer, Role role) {
        return counters.keySet().stream().anyMatch(k -> k.peer().equals(peer) && k.role() == role);
    }

    /** This snapshot with one counter set; for feeding from the mesh and services. */
    public MeterSnapshot with(MeterKey key, long cumulative, long atMillis) {
        Map<MeterKey, Long> next = new HashMap<>(counters);
        next.put(Objects.requireNonNull(key, "key"), cumulative);
        return new MeterSnapshot(atMillis, next);
    }
}
