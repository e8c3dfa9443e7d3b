package io.smartshare.hal.driver.sim;

import io.smartshare.hal.health.DriverHealth;
import io.smartshare.hal.meter.CpuMeter;
import io.smartshare.hal.meter.CpuTimes;
import java.time.Duration;

/** Four cores busy 10 to 30 % (by seed), this process using a third of that. */
final class SimCpu implements CpuMeter {
    private static final int CORES = 4;
    private static final double PERIOD_SECONDS = 300;

    private final int shareCapPercent;
    private final SimDriver driver;
    private final Ramp busyMillisPerCore;

    SimCpu(int shareCapPercent, SimDriver driver) {
        this.shareCapPercent = shareCapPercent;
        this.driver = driver;
        this.busyMillisPerCore = new Ramp(1000 * (0.1 + 0.2 * driver.fraction("cpu")), PERIOD_SECONDS);
    }

    @Override
    public CpuTimes read() {
        double t = driver.elapsedSeconds();
        long busy = CORES * busyMillisPerCore.at(t);
        long total = Math.max(busy, (long) (CORES * 1000 * t));
        return new CpuTimes(CORES, Duration.ofMillis(busy), Duration.ofMillis(total), Duration.ofMillis(busy / 3));
    }

    @Override
    public int shareCapPercent() {
        return shareCapPercent;
    }

    @Override
    public DriverHealth health() {
        return DriverHealth.up("cpu", SimDriver.NAME);
    }
}
