package io.smartshare.node.lifecycle;

import io.smartshare.contracts.metering.MeterKey;
import java.util.Map;

/**
 * A service's cumulative per-peer counters, fed into the node's meter (docs/contracts.md §5)
 * through {@link NodeContext#addCounters}: {@code storage} in megabyte-seconds (integrate
 * "bytes held for the peer" readings with {@link io.smartshare.contracts.metering.HeldStorage})
 * and {@code cpu} in milliseconds spent for the peer, each as {@link
 * io.smartshare.contracts.metering.Role#PROVIDED} or {@code CONSUMED}. Counters must be
 * cumulative and survive restarts (the service persists them). Receipts are issued and
 * accepted only for what some service counts.
 */
@FunctionalInterface
public interface ServiceCounters {
    /** The cumulative counters at {@code atMillis}; never relay resources, which the mesh meters. */
    Map<MeterKey, Long> cumulative(long atMillis);
}
