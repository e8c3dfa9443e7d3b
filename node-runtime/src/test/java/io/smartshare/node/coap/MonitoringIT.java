package io.smartshare.node.coap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.cbor.CborValue;
import io.smartshare.node.testing.CoapClientTool;
import io.smartshare.node.testing.NodeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real node process monitored with libcoap's coap-client-notls. */
class MonitoringIT {
    private static final String CLIENT = "coap-client-notls";

    @TempDir
    static Path dir;
    static NodeProcess node;

    @BeforeAll
    static void startNode() throws Exception {
        node = NodeProcess.startWithConfig(dir, "settings:\n  label: lab-bench\n  metrics-interval-seconds: 1\n", false);
    }

    @AfterAll
    static void stopNode() throws Exception {
        node.close();
    }

    @Test
    void wellKnownCoreListsTheMonitoringResourcesWithTheirAttributes() throws Exception {
        CoapClientTool.Result result = CoapClientTool.run(CLIENT, 30, "-B", "10", node.coapUri("/.well-known/core"));
        String links = result.text();
        for (String resource : new String[] {"node", "health", "metrics", "config"}) {
            Matcher link = Pattern.compile("</" + resource + ">([^,]*)").matcher(links);
            assertTrue(link.find(), "no link for /" + resource + " in " + links);
            assertTrue(link.group(1).contains("rt=\"smartshare." + resource + "\""), link.group());
            assertTrue(link.group(1).contains("if=\""), link.group());
            assertTrue(link.group(1).contains("ct=\"50 60\""), link.group());
        }
        assertTrue(Pattern.compile("</metrics>[^,]*;obs").matcher(links).find(), "metrics is observable: " + links);
    }

    @Test
    void nodeAnswersItsIdentityAsJson() throws Exception {
        CoapClientTool.Result result = CoapClientTool.run(CLIENT, 30, "-B", "10", node.coapUri("/node"));
        String json = result.text();
        String id = idFromLog();
        assertTrue(json.contains("\"id\":\"" + id + "\""), json);
        assertTrue(json.contains("\"board\":\"sim\""), json);
        assertTrue(json.contains("\"label\":\"lab-bench\""), json);
        assertTrue(json.contains("\"roles\":[\"relay\"]"), json);
    }

    @Test
    void nodeAnswersCborWhenAskedFor() throws Exception {
        Path payload = dir.resolve("node.cbor");
        CoapClientTool.Result result = CoapClientTool.run(CLIENT, 30, "-B", "10", "-A", "60", "-o", payload.toString(),
                node.coapUri("/node"));
        assertEquals(0, result.exitCode(), result.stderr());
        CborValue decoded = io.smartshare.ledger.cbor.Cbor.decode(Files.readAllBytes(payload));
        CborMap map = (CborMap) decoded;
        assertEquals(new CborValue.Text(idFromLog()), map.get("id").orElseThrow());
        assertEquals(new CborValue.Text("sim"), map.get("board").orElseThrow());
    }

    @Test
    void unsupportedAcceptGets406() throws Exception {
        CoapClientTool.Result result = CoapClientTool.run(CLIENT, 30, "-B", "10", "-A", "0", node.coapUri("/node"));
        assertTrue((result.text() + result.stderr()).contains("4.06"), result.stderr());
    }

    @Test
    void observingMetricsDeliversRepeatedNotifications() throws Exception {
        CoapClientTool.Result result = CoapClientTool.run(CLIENT, 40, "-B", "20", "-s", "6", "-w",
                node.coapUri("/metrics"));
        long notifications = result.text().lines().filter(line -> line.contains("\"uptime-seconds\"")).count();
        assertTrue(notifications >= 3, "expected the first answer and at least two notifications in 6 s, got:\n"
                + result.text() + "\nstderr:\n" + result.stderr());
        assertTrue(result.text().contains("\"heap-used-bytes\""), result.text());
        assertTrue(result.text().contains("\"dedup-capacity\":") && !result.text().contains("\"coap\":{\"coap\""),
                "the coap endpoint's counters sit right under its scheme, not under coap.coap: " + result.text());
    }

    @Test
    void writesOverPlainCoapAreRefusedWith401() throws Exception {
        CoapClientTool.Result result = CoapClientTool.run(CLIENT, 30, "-B", "10", "-m", "put", "-t", "50",
                "-e", "{\"label\":\"hijacked\"}", node.coapUri("/config"));
        assertTrue((result.text() + result.stderr()).contains("4.01"), result.stderr() + result.text());
        String after = CoapClientTool.run(CLIENT, 30, "-B", "10", node.coapUri("/config")).text();
        assertTrue(after.contains("\"label\":\"lab-bench\""), after);
    }

    @Test
    void healthReportsEveryBoardDriver() throws Exception {
        String json = CoapClientTool.run(CLIENT, 30, "-B", "10", node.coapUri("/health")).text();
        assertTrue(json.startsWith("{\"status\":\"up\""), json);
        for (String component : new String[] {"coap", "ledger", "net", "storage", "cpu", "ble", "sensor:temperature"}) {
            assertTrue(json.contains("\"component\":\"" + component + "\""), component + " in " + json);
        }
    }

    @Test
    void sensorsAreListedAndEachIsObservable() throws Exception {
        String list = CoapClientTool.run(CLIENT, 30, "-B", "10", node.coapUri("/sensors")).text();
        assertTrue(list.contains("\"id\":\"temperature\"") && list.contains("\"unit\":\"hPa\""), list);
        CoapClientTool.Result observed = CoapClientTool.run(CLIENT, 40, "-B", "20", "-s", "12", "-w",
                node.coapUri("/sensors/temperature"));
        long answers = observed.text().lines().filter(line -> line.contains("\"quantity\":\"temperature\"")).count();
        assertTrue(answers >= 2, "the sim sensor is polled every 5 s, so 12 s bring a notification:\n"
                + observed.text() + observed.stderr());
        CoapClientTool.Result unknown = CoapClientTool.run(CLIENT, 30, "-B", "10", node.coapUri("/sensors/nope"));
        assertTrue(unknown.stderr().contains("4.04"), unknown.stderr());
    }

    private static String idFromLog() {
        Matcher m = Pattern.compile("event=started node=(\\S+)").matcher(node.log());
        assertTrue(m.find(), node.log());
        return m.group(1);
    }
}
