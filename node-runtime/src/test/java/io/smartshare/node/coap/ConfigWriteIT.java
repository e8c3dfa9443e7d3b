package io.smartshare.node.coap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.node.testing.CoapClientTool;
import io.smartshare.node.testing.JsonDocument;
import io.smartshare.node.testing.NodeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.io.TempDir;

/** {@code /config} written over DTLS with libcoap's coap-client-openssl and PSK identities. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConfigWriteIT {
    private static final String DTLS_CLIENT = "coap-client-openssl";
    private static final String OPERATOR_KEY = "operator-secret-0123";
    private static final String VIEWER_KEY = "viewer-secret-4567";

    @TempDir
    static Path dir;
    static NodeProcess node;
    static Path settingsFile;

    @BeforeAll
    static void startNode() throws Exception {
        node = NodeProcess.startWithConfig(dir, """
                security:
                  psk:
                    - identity: operator
                      key: "%s"
                      may-write-config: true
                    - identity: viewer
                      key: "%s"
                settings:
                  label: before
                """.formatted(OPERATOR_KEY, VIEWER_KEY), true);
        settingsFile = dir.resolve("data").resolve("settings.json");
    }

    @AfterAll
    static void stopNode() throws Exception {
        node.close();
    }

    private static CoapClientTool.Result put(String identity, String key, String payload) throws Exception {
        return CoapClientTool.run(DTLS_CLIENT, 30, "-B", "10", "-u", identity, "-k", key, "-m", "put", "-t", "50",
                "-e", payload, node.coapsUri("/config"));
    }

    private static String currentLabel() throws Exception {
        String json = CoapClientTool.run("coap-client-notls", 30, "-B", "10", node.coapUri("/node")).text();
        int at = json.indexOf("\"label\":\"");
        return json.substring(at + 9, json.indexOf('"', at + 9));
    }

    @Test
    @Order(1)
    void wrongKeyGetsNoAnswerAndChangesNothing() throws Exception {
        CoapClientTool.Result result = put("operator", "not-the-right-key", "{\"label\":\"wrong-key\"}");
        assertFalse(result.text().contains("wrong-key"), result.text());
        assertEquals("before", currentLabel());
        assertFalse(Files.exists(settingsFile), "nothing was stored");
        Map<String, Object> coaps = JsonDocument.object(node.get("/metrics"), "coaps");
        assertTrue(JsonDocument.number(coaps, "bad-records") + JsonDocument.number(coaps, "handshakes-failed") >= 1,
                coaps.toString());
        assertTrue(node.log().contains("event=dtls-bad-record client=127.0.0.1:")
                || node.log().contains("event=dtls-handshake-failed client=127.0.0.1:"),
                "the node says a client's key was wrong: " + node.log());
    }

    @Test
    @Order(2)
    void identityWithoutWriteRightGets403AndChangesNothing() throws Exception {
        CoapClientTool.Result result = put("viewer", VIEWER_KEY, "{\"label\":\"viewer\"}");
        assertTrue((result.stderr() + result.text()).contains("4.03"), result.stderr() + result.text());
        assertEquals("before", currentLabel());
        assertTrue(node.log().contains("event=request-refused client=127.0.0.1:")
                && node.log().contains("reason=\"4.03 identity 'viewer' may not change the node"),
                "the node logs the refusal: " + node.log());
    }

    @Test
    @Order(3)
    void malformedSettingsGet400NamingTheKeyAndChangeNothing() throws Exception {
        CoapClientTool.Result result = put("operator", OPERATOR_KEY, "{\"metrics-interval-seconds\":\"often\"}");
        String answer = result.stderr() + result.text();
        assertTrue(answer.contains("4.00"), answer);
        assertTrue(answer.contains("metrics-interval-seconds"), answer);
        CoapClientTool.Result unknown = put("operator", OPERATOR_KEY, "{\"lable\":\"typo\"}");
        assertTrue((unknown.stderr() + unknown.text()).contains("unknown key"), unknown.stderr() + unknown.text());
        assertEquals("before", currentLabel());
    }

    @Test
    @Order(4)
    void authorisedIdentityWritesAndTheChangeTakesEffectAndPersists() throws Exception {
        CoapClientTool.Result result = put("operator", OPERATOR_KEY, "{\"label\":\"roof\",\"share-storage\":true}");
        assertTrue(result.text().contains("\"label\":\"roof\""), result.stderr() + result.text());
        assertEquals("roof", currentLabel());
        String stored = Files.readString(settingsFile);
        assertTrue(stored.contains("\"label\":\"roof\""), stored);
        String node = CoapClientTool.run("coap-client-notls", 30, "-B", "10", ConfigWriteIT.node.coapUri("/node")).text();
        assertTrue(node.contains("\"roles\":[\"relay\",\"storage\"]"), node);
    }
}
