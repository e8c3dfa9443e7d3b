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
import org.junit.jupiter.api.Test;

class StatusReportTest {
    @Test
    void showsSizesAndDurationsInHumanUnits() {
        assertEquals("512 B", StatusReport.bytes(512));
        assertEquals("3.5 MiB", StatusReport.bytes(3_670_016));
        assertEquals("59s", StatusReport.duration(59));
        assertEquals("1h 1m", StatusReport.duration(3_660));
        assertEquals("2d 3h", StatusReport.duration(2 * 86_400 + 3 * 3_600 + 5));
    }

    @Test
    void printsIdentityHealthAndMetricsTree() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StatusReport.print(URI.create("coap://127.0.0.1:5683"),
                Map.of("id", "ssqh3chv2c33fxmfexkut2tumww4", "label", "roof", "board", "sim", "version", "0.1.0",
                        "uptime-seconds", 75, "roles", List.of("relay")),
                Map.of("status", "degraded", "components", List.of(
                        Map.of("component", "ble", "state", "degraded", "reason", "no BlueZ"))),
                Map.of("jvm", Map.of("heap-used-bytes", 2048)),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("node     ssqh3chv2c33fxmfexkut2tumww4  \"roof\""), text);
        assertTrue(text.contains("up 1m 15s"), text);
        assertTrue(text.contains("roles    relay"), text);
        assertTrue(text.contains("ble          degraded (no BlueZ)"), text);
        assertTrue(text.contains("heap-used-bytes        2.0 KiB"), text);
    }

    @Test
    void targetWithoutSchemeOrPortGetsTheDefaults() {
        assertEquals(URI.create("coap://10.0.0.7:5683"), StatusClient.baseUri("10.0.0.7"));
        assertEquals(URI.create("coap://localhost:6000"), StatusClient.baseUri("coap://localhost:6000"));
        assertThrows(IllegalArgumentException.class, () -> StatusClient.baseUri("http://x"));
    }
}
