package io.smartshare.hal.meter;

import io.smartshare.hal.health.DriverHealth;

/** Meters CPU time of the whole system and of the node's own process. */
public interface CpuMeter {
    /** The times now. */
    CpuTimes read() throws MeterException;

    /** The board's cap on the CPU share the node may give away, in percent of all cores. */
    int shareCapPercent();

    /** Whether the last read worked. */
    DriverHealth health();
}
