package io.smartshare.node.metering;

import io.smartshare.hal.meter.CpuTimes;
import io.smartshare.hal.meter.IpLink;
import io.smartshare.hal.meter.StorageUsage;
import java.util.List;
import java.util.Optional;

/**
 * One reading of the board's meters. A meter that failed is absent here; why is in the
 * board's health report.
 *
 * @param monotonicNanos when it was taken ({@link System#nanoTime()})
 * @param links the metered interfaces present
 * @param storage the shared directory's usage
 * @param cpu system and process CPU time
 */
public record MeterSnapshot(long monotonicNanos, List<IpLink> links, Optional<StorageUsage> storage,
        Optional<CpuTimes> cpu) {
    public MeterSnapshot {
        links = List.copyOf(links);
    }
}
