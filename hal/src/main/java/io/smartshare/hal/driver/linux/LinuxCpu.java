package io.smartshare.hal.driver.linux;

import io.smartshare.hal.health.DriverHealth;
import io.smartshare.hal.health.HealthRecorder;
import io.smartshare.hal.meter.CpuMeter;
import io.smartshare.hal.meter.CpuTimes;
import io.smartshare.hal.meter.MeterException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * CPU times from {@code /proc/stat} and {@code /proc/self/stat}. Both count in USER_HZ
 * ticks, which is 100 per second on every Linux architecture the node runs on (the kernel
 * fixes it for user space regardless of its internal HZ).
 */
final class LinuxCpu implements CpuMeter {
    static final int USER_HZ = 100;

    private final Path procStat;
    private final Path selfStat;
    private final int shareCapPercent;
    private final HealthRecorder health = new HealthRecorder("cpu", LinuxDriver.NAME);

    LinuxCpu(Path procStat, Path selfStat, int shareCapPercent) {
        this.procStat = procStat;
        this.selfStat = selfStat;
        this.shareCapPercent = shareCapPercent;
    }

    @Override
    public CpuTimes read() throws MeterException {
        try {
            ProcStat system = ProcStat.parse(procStat.toString(), read(procStat));
            long process = ProcStat.processTicks(selfStat.toString(), read(selfStat));
            health.up();
            return new CpuTimes(system.cores(), ticks(system.busyTicks()), ticks(system.totalTicks()), ticks(process));
        } catch (MeterException e) {
            health.degraded(e.getMessage());
            throw e;
        }
    }

    @Override
    public int shareCapPercent() {
        return shareCapPercent;
    }

    @Override
    public DriverHealth health() {
        return health.current();
    }

    static Duration ticks(long ticks) {
        return Duration.ofMillis(ticks * (1000 / USER_HZ));
    }

    private static String read(Path file) throws MeterException {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new MeterException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
