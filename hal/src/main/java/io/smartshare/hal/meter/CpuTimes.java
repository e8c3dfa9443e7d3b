package io.smartshare.hal.meter;

import java.time.Duration;

/**
 * CPU time spent since boot (system) and since start (this process); take two readings
 * and divide the differences to get a load.
 *
 * @param cores CPUs the system counts
 * @param systemBusy time all CPUs together spent not idle
 * @param systemTotal time all CPUs together spent, busy or idle
 * @param process time this process spent, user plus system
 */
public record CpuTimes(int cores, Duration systemBusy, Duration systemTotal, Duration process) {
}
