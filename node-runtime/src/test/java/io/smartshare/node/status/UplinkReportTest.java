package io.smartshare.node.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UplinkReportTest {
    private static String print(Map<String, Object> uplink) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        UplinkReport.print(URI.create("coap://localhost:5683"), uplink, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aGatewaysUplinkIsOneLinePerPeerWithItsBytesThenRoutesAndRefusals() {
        String text = print(Map.of("interface", "sswqh3chv2c33f", "addresses",
                List.of("fd73:7368:6172:0:74d6:9915:9414:6911/128", "100.81.39.242/32"), "lan", List.of(),
                "listen-port", 51820, "masquerade", true,
                "share-cap-kbps", 8000, "neighbour-cap-kbps", 0,
                "peers", List.of(Map.of("id", "ssaaaaaaaaaaaaaaaaaaaaaaaaaa", "endpoint", "10.203.77.2:51820",
                        "allowed-ips", List.of("10.99.5.0/24"), "rx-bytes", 20_040_748L, "tx-bytes", 1_106_804L,
                        "cut", true)),
                "routes", List.of("fd73:7368:6172:0:0:0:0:0/48", "100.64.0.0/10"),
                "refused", List.of("ssbbbbbbbbbbbbbbbbbbbbbbbbbb 8.8.8.0/24: not a private prefix")));
        assertTrue(text.startsWith("uplink of coap://localhost:5683: interface sswqh3chv2c33f, listen port 51820,"
                + " gateway (NAT on)\n"), text);
        assertTrue(text.contains("  lan        none\n"), text);
        assertTrue(text.contains("    ssaaaaaaaaaaaaaaaaaaaaaaaaaa 10.203.77.2:51820      rx 19.1 MiB"), text);
        assertTrue(text.contains("CUT (owes more than the grace) 10.99.5.0/24\n"), text);
        assertTrue(text.contains("  caps       8000 kbit/s in all, none per neighbour\n"), text);
        assertTrue(text.contains("  refused\n    ssbbbbbbbbbbbbbbbbbbbbbbbbbb 8.8.8.0/24: not a private prefix\n"), text);
    }

    @Test
    void anAbsentUplinkSaysWhy() {
        assertEquals("uplink of coap://localhost:5683: absent (cannot create WireGuard interface)\n",
                print(Map.of("state", "absent", "reason", "cannot create WireGuard interface")));
    }
}
