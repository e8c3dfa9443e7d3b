package io.smartshare.node.metering;

import io.smartshare.contracts.metering.MeterKey;
import java.util.Map;

/**
 * The hook through which the storage and compute services feed their cumulative per-peer
 * counters into the node's meter (docs/contracts.md §5): {@code storage} in megabyte-seconds
 * (integrate "bytes held for the peer" readings with {@link
 * io.smartshare.contracts.metering.HeldStorage}) and {@code cpu} in milliseconds spent for
 * the peer, each as {@link io.smartshare.contracts.metering.Role#PROVIDED} or {@code
 * CONSUMED}. Counters must be cumulative and survive restarts (the service persists them).
 * Those services do not exist yet, so the daemon plugs in {@link #NONE}: no storage or CPU
 * is metered, and no receipt is issued or accepted for them.
 */
@FunctionalInterface
public interface ServiceCounters {
    /** No service besides relaying: no counters. */
    ServiceCounters NONE = atMillis -> Map.of();

    /** The cumulative counters at {@code atMillis}; never relay resources, which the mesh meters. */
    Map<MeterKey, Long> cumulative(long atMillis);
}
