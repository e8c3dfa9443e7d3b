package io.smartshare.hal.meter;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every meter of a board read at once, for {@code /metrics}. A meter that could not be
 * read is empty here (its reason is in the board's health), so one broken meter never
 * hides the others.
 *
 * @param at when the meters were read
 * @param links the metered interfaces present now; empty if {@code /proc/net/dev} was unreadable
 * @param storage the shared directory's usage, if it could be measured
 * @param cpu CPU times, if they could be read
 */
public record MeterSnapshot(Instant at, List<IpLink> links, Optional<StorageUsage> storage, Optional<CpuTimes> cpu) {
    public MeterSnapshot {
        Objects.requireNonNull(at, "at");
        links = List.copyOf(links);
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(cpu, "cpu");
    }
}
