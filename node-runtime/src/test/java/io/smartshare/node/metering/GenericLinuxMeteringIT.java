package io.smartshare.node.metering;

import static io.smartshare.node.testing.JsonDocument.list;
import static io.smartshare.node.testing.JsonDocument.number;
import static io.smartshare.node.testing.JsonDocument.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.node.testing.CoapClientTool;
import io.smartshare.node.testing.JsonDocument;
import io.smartshare.node.testing.NodeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --board generic-linux} meters this machine's real interfaces and disk: {@code
 * /metrics} is compared with /proc/net/dev and the file store read directly, before the
 * node starts and after it answers (counters only grow, so each figure lies between). A
 * machine without a thermal zone (a VM) lists the optional cpu-temperature sensor absent and
 * stays up.
 */
class GenericLinuxMeteringIT {
    @TempDir
    Path dir;

    @Test
    void metricsMatchProcNetDevAndTheFileStore() throws Exception {
        Map<String, long[]> before = procNetDev();
        Path data = dir.resolve("data");
        Map<String, Object> metrics;
        long usableAfter;
        // uplink sharing off: as root it would make a real WireGuard interface on this machine
        Path config = Files.writeString(dir.resolve("node.yaml"), "uplink:\n  enabled: false\n");
        try (NodeProcess node = NodeProcess.start("generic-linux", data, false, "--config", config.toString())) {
            metrics = object(CoapClientTool.run("coap-client-notls", 30, "-B", "10", node.coapUri("/metrics")).text());
            usableAfter = Files.getFileStore(data).getUsableSpace();
        }
        Map<String, long[]> after = procNetDev();
        Map<String, Object> meters = object(metrics, "meters");
        List<Map<String, Object>> links = list(meters, "links");
        for (String name : before.keySet()) {
            if (name.matches("(en|eth|wl).*") && after.containsKey(name)) {
                assertTrue(links.stream().anyMatch(l -> l.get("name").equals(name)),
                        name + " is in /proc/net/dev and matches the board's patterns, so it is metered: " + links);
            }
        }
        assertFalse(links.stream().anyMatch(l -> l.get("name").equals("lo")), "lo is not metered: " + links);
        for (Map<String, Object> link : links) {
            String name = (String) link.get("name");
            long rx = number(link, "rx-bytes");
            long tx = number(link, "tx-bytes");
            assertTrue(before.get(name)[0] <= rx && rx <= after.get(name)[0], name + " rx " + rx + " not within /proc");
            assertTrue(before.get(name)[1] <= tx && tx <= after.get(name)[1], name + " tx " + tx + " not within /proc");
        }
        Map<String, Object> storage = object(meters, "storage");
        long free = number(storage, "free-bytes");
        long tolerance = 256L << 20;
        assertTrue(Math.abs(free - usableAfter) < tolerance, "free " + free + " vs file store " + usableAfter);
        Map<String, Object> cpu = object(meters, "cpu");
        long procCores = Files.readAllLines(Path.of("/proc/stat")).stream().filter(l -> l.matches("cpu\\d+ .*")).count();
        assertTrue(number(cpu, "cores") == procCores, cpu + " vs " + procCores + " cpuN lines in /proc/stat");
        assertTrue(number(cpu, "system-busy-millis") <= number(cpu, "system-total-millis"), cpu.toString());
    }

    @Test
    void aMachineWithoutAThermalZoneIsNotDegradedForIt() throws Exception {
        Path config = Files.writeString(dir.resolve("node.yaml"), "uplink:\n  enabled: false\n");
        try (NodeProcess node = NodeProcess.start("generic-linux", dir.resolve("health"), false, "--config",
                config.toString())) {
            Map<String, Object> health = node.get("/health");
            Map<String, Object> sensor = JsonDocument.<Map<String, Object>>list(health, "components").stream()
                    .filter(c -> "sensor:cpu-temperature".equals(c.get("component"))).findFirst().orElseThrow();
            boolean zone = Files.exists(Path.of("/sys/class/thermal/thermal_zone0/temp"));
            assertEquals(zone ? "up" : "absent", sensor.get("state"), health.toString());
            assertEquals(true, sensor.get("optional"), health.toString());
            assertEquals("up", health.get("status"), health.toString());
        }
    }

    private static Map<String, long[]> procNetDev() throws Exception {
        Map<String, long[]> counters = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/net/dev"))) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String[] fields = line.substring(colon + 1).trim().split("\\s+");
            counters.put(line.substring(0, colon).trim(), new long[] {Long.parseLong(fields[0]), Long.parseLong(fields[8])});
        }
        return counters;
    }
}
