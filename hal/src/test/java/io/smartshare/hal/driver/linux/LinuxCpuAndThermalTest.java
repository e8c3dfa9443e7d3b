package io.smartshare.hal.driver.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.hal.board.SensorSpec;
import io.smartshare.hal.health.DriverState;
import io.smartshare.hal.meter.CpuMeter;
import io.smartshare.hal.meter.CpuTimes;
import io.smartshare.hal.meter.MeterException;
import io.smartshare.hal.sensor.Sensor;
import io.smartshare.hal.sensor.SensorException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinuxCpuAndThermalTest {
    @TempDir
    Path root;
    private LinuxDriver driver;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(root.resolve("proc/self"));
        Files.createDirectories(root.resolve("sys/class/thermal/thermal_zone0"));
        driver = new LinuxDriver(root.resolve("proc"), root.resolve("sys"));
    }

    @Test
    void cpuTimesAreTicksAtOneHundredPerSecond() throws Exception {
        Files.writeString(root.resolve("proc/stat"), Samples.proc("stat-openwrt-mt3000.txt"));
        Files.writeString(root.resolve("proc/self/stat"), Samples.proc("self-stat-java-parens.txt"));
        CpuMeter cpu = driver.cpu(15);
        CpuTimes times = cpu.read();
        assertEquals(2, times.cores());
        assertEquals(Duration.ofMillis((1220317L + 301155 + 1720442) * 10), times.systemBusy());
        assertEquals(Duration.ofMillis(15_600), times.process());
        assertEquals(15, cpu.shareCapPercent());
        assertEquals(DriverState.UP, cpu.health().state());
    }

    @Test
    void garbledProcStatDegradesTheCpuMeterWithFileAndLine() throws IOException {
        Files.writeString(root.resolve("proc/stat"), Samples.proc("stat-garbage.txt"));
        Files.writeString(root.resolve("proc/self/stat"), Samples.proc("self-stat-cat.txt"));
        CpuMeter cpu = driver.cpu(15);
        MeterException error = assertThrows(MeterException.class, cpu::read);
        assertTrue(error.getMessage().endsWith("proc/stat:3: expected at least 4 tick columns after 'cpu', found 3"),
                error.getMessage());
        assertEquals(error.getMessage(), cpu.health().reason());
    }

    private Sensor zone() {
        return driver.thermalZone(new SensorSpec.ThermalZone("soc", 0, Duration.ofSeconds(30), false),
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    }

    @Test
    void thermalZoneReadsMillidegrees() throws Exception {
        Files.writeString(root.resolve("sys/class/thermal/thermal_zone0/temp"), "-5250\n");
        assertEquals(-5.25, zone().read().get(0).value(), 1e-9);
    }

    @Test
    void thermalZoneRejectsGarbageAndImpossibleTemperatures() throws IOException {
        Path temp = root.resolve("sys/class/thermal/thermal_zone0/temp");
        Files.writeString(temp, "hot\n");
        assertTrue(assertThrows(SensorException.class, () -> zone().read()).getMessage().endsWith("holds 'hot', not millidegrees"));
        Files.writeString(temp, "1000000\n");
        assertTrue(assertThrows(SensorException.class, () -> zone().read()).getMessage().contains("reports 1000.0 Cel"));
        Files.delete(temp);
        SensorException missing = assertThrows(SensorException.class, () -> zone().read());
        assertTrue(missing.isAbsent());
        assertEquals("sensor soc: no thermal zone " + temp, missing.getMessage());
    }
}
