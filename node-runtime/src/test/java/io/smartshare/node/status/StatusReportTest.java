package io.smartshare.node.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusReportTest {
    private static final String ID = "ssqh3chv2c33fxmfexkut2tumww4";
    private static final String PARENT = "ssparentparentparentparentpa";

    @Test
    void showsSizesAndDurationsInHumanUnits() {
        assertEquals("512 B", StatusReport.bytes(512));
        assertEquals("3.5 MiB", StatusReport.bytes(3_670_016));
        assertEquals("59s", StatusReport.duration(59));
        assertEquals("1h 1m", StatusReport.duration(3_660));
        assertEquals("2d 3h", StatusReport.duration(2 * 86_400 + 3 * 3_600 + 5));
    }

    /** Two readings 2 s apart of a degraded relay node with a parent, a neighbour and earnings. */
    private static Map<String, Object> view() {
        StatusSnapshot before = snapshot(0, 1_000, 5_000, 10_000, 1_000);
        StatusSnapshot now = snapshot(2_000_000_000L, 5_096, 9_096, 12_000, 1_100);
        return StatusView.of(before, now);
    }

    private static StatusSnapshot snapshot(long atNanos, long rx, long tx, long totalMillis, long processMillis) {
        Map<String, Object> node = Map.of("id", ID, "label", "roof", "board", "sim", "version", "0.1.0",
                "uptime-seconds", 75, "roles", List.of("relay"));
        Map<String, Object> health = Map.of("status", "degraded", "components", List.of(
                Map.of("component", "coap", "state", "up"),
                Map.of("component", "ble", "state", "degraded", "reason", "no BlueZ")),
                "services", List.of(Map.of("name", "mesh", "state", "running"),
                        Map.of("name", "mqtt", "state", "off", "reason", "no broker configured (mqtt.host)")));
        Map<String, Object> meters = Map.of("links", List.of(Map.of("name", "eth0", "role", "wan", "up", true,
                "rx-bytes", rx, "tx-bytes", tx)), "storage", Map.of("used-bytes", 1024, "quota-bytes", 268_435_456,
                "free-bytes", 1L << 30), "cpu", Map.of("cores", 4, "system-busy-millis", totalMillis / 10,
                "system-total-millis", totalMillis, "process-millis", processMillis, "share-cap-percent", 25));
        Map<String, Object> routes = Map.of("gateway", false, "rank", 512, "parent", PARENT);
        Map<String, Object> neighbors = Map.of("neighbors", List.of(Map.of("id", PARENT, "alive", true,
                "etx-x100", 105, "rank", 256, "gateway", true, "last-heard-ms", 400)));
        Map<String, Object> summary = Map.of("earnings", Map.of("units", Map.of("relay.up", 12),
                "estimate-micro-tokens", 24, "settled-epoch", 41, "settled-reward-micro-tokens", 120));
        return new StatusSnapshot(atNanos, node, health, Map.of("meters", meters), Optional.of(neighbors),
                Optional.of(routes), Optional.of(summary));
    }

    @Test
    void theViewHasRatesCpuSharesProblemsAndTheRoute() {
        Map<String, Object> view = view();
        Map<?, ?> link = (Map<?, ?>) ((List<?>) view.get("links")).get(0);
        assertEquals(2048L, link.get("rx-bytes-per-second"));
        Map<?, ?> cpu = (Map<?, ?>) view.get("cpu");
        assertEquals(10.0, cpu.get("system-percent"));
        assertEquals(5.0, cpu.get("node-percent-of-one-core"));
        assertEquals(List.of(Map.of("component", "ble", "state", "degraded", "reason", "no BlueZ")),
                ((Map<?, ?>) view.get("health")).get("problems"));
        Map<?, ?> mesh = (Map<?, ?>) view.get("mesh");
        assertEquals("attached", mesh.get("state"));
        assertEquals(PARENT, mesh.get("parent"));
    }

    @Test
    void theScreenSaysAllOfItInWords() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StatusReport.print(URI.create("coap://127.0.0.1:5683"), view(), new PrintStream(bytes, true,
                StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        for (String line : List.of("node      " + ID + "  \"roof\"   coap://127.0.0.1:5683",
                "version 0.1.0   board sim   up 1m 15s   roles relay", "health    degraded",
                "          ble degraded: no BlueZ", "services  mesh", "          mqtt off: no broker configured",
                "links     eth0       wan  up    in 2.0 KiB/s  out 2.0 KiB/s",
                "cpu       system 10.0 %   this node 5.0 % of a core   cores 4   share cap 25 %",
                "storage   1.0 KiB used of a 256.0 MiB quota, 1.0 GiB free on disk",
                "mesh      attached, rank 512, route to the gateway via " + PARENT,
                "          " + PARENT + " up    ETX 1.05  rank 256 (gateway)  heard 0.4 s ago",
                "earnings  this epoch: 24 µT (0.000024 tokens) (estimate, not settled; 12 relay.up signed by consumers)",
                "          last settlement: epoch 41, 120 µT (0.000120 tokens)")) {
            assertTrue(text.contains(line), "missing '" + line + "' in\n" + text);
        }
        assertTrue(!text.contains("{") && !text.contains("="), "no Java maps: " + text);
    }

    @Test
    void targetWithoutSchemeOrPortGetsTheDefaults() {
        assertEquals(URI.create("coap://10.0.0.7:5683"), StatusClient.baseUri("10.0.0.7"));
        assertEquals(URI.create("coap://localhost:6000"), StatusClient.baseUri("coap://localhost:6000"));
        assertThrows(IllegalArgumentException.class, () -> StatusClient.baseUri("http://x"));
    }
}
