package io.smartshare.hal.driver.linux;

import io.smartshare.hal.board.LinkSpec;
import io.smartshare.hal.board.SensorSpec;
import io.smartshare.hal.dataplane.DataPlane;
import io.smartshare.hal.meter.CpuMeter;
import io.smartshare.hal.meter.IpLinks;
import io.smartshare.hal.sensor.Sensor;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The {@code linux} driver: IP links and byte counters, CPU times and thermal zones, read
 * from the kernel's {@code /proc} and {@code /sys}. Pure Java; no natives.
 */
public final class LinuxDriver {
    /** The driver's name in health reports. */
    public static final String NAME = "linux";

    private final Path proc;
    private final Path sys;

    /**
     * @param proc where procfs is mounted ({@code /proc}; a directory of captured files in tests)
     * @param sys where sysfs is mounted ({@code /sys})
     */
    public LinuxDriver(Path proc, Path sys) {
        this.proc = proc;
        this.sys = sys;
    }

    /** The driver on the running kernel. */
    public static LinuxDriver system() {
        return new LinuxDriver(Path.of("/proc"), Path.of("/sys"));
    }

    /** Meters the interfaces that {@code selection} names or matches. */
    public IpLinks links(List<LinkSpec> selection) {
        return new LinuxLinks(proc.resolve("net/dev"), sys.resolve("class/net"), selection);
    }

    /** CPU times of the system and of this process. */
    public CpuMeter cpu(int shareCapPercent) {
        return new LinuxCpu(proc.resolve("stat"), proc.resolve("self/stat"), shareCapPercent);
    }

    /** The kernel's data plane: WireGuard tunnels, routes, forwarding and NAT. */
    public DataPlane dataPlane() {
        return new LinuxDataPlane(new SystemCommands(List.of()), proc, sys, Path.of("/var/run/wireguard"));
    }

    /** A thermal-zone temperature sensor. */
    public Sensor thermalZone(SensorSpec.ThermalZone spec, Clock clock) {
        return new ThermalZoneSensor(spec.id(), sys.resolve("class/thermal/thermal_zone" + spec.zone() + "/temp"), clock);
    }
}
