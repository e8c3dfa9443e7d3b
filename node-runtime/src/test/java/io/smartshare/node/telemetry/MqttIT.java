package io.smartshare.node.telemetry;

import static io.smartshare.node.testing.JsonDocument.number;
import static io.smartshare.node.testing.JsonDocument.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.node.testing.JsonDocument;
import io.smartshare.node.testing.Mosquitto;
import io.smartshare.node.testing.NodeLine;
import io.smartshare.node.testing.NodeProcess;
import io.smartshare.node.testing.TestCa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MQTT service against a real {@code mosquitto} started by the test on a free loopback
 * port, read by a real {@code mosquitto_sub} (a persistent QoS 1 subscriber). The nodes
 * publish their metrics every second, numbered by {@code seq}: a gap is a lost message.
 */
class MqttIT {
    @TempDir
    Path dir;

    /** A message as mosquitto_sub -v prints it. */
    record Message(String topic, Map<String, Object> payload) {
        static Message of(String line) {
            int space = line.indexOf(' ');
            return new Message(line.substring(0, space), JsonDocument.object(line.substring(space + 1)));
        }
    }

    static List<Message> messages(List<String> lines) {
        synchronized (lines) {
            return lines.stream().filter(l -> l.startsWith("smartshare/")).map(Message::of).toList();
        }
    }

    static List<Message> await(List<String> lines, Predicate<List<Message>> done) throws InterruptedException {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<Message> now = messages(lines);
            if (done.test(now)) {
                return now;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not seen within 90 s; got " + lines);
    }

    static List<Long> metricsTimes(List<Message> messages, String node) {
        return messages.stream().filter(m -> m.topic().equals("smartshare/" + node + "/metrics"))
                .map(m -> number(m.payload(), "at")).toList();
    }

    private String config(int brokerPort, String extra) {
        return """
                mqtt:
                  host: 127.0.0.1
                  port: %d
                  publish-from: every-node
                  metrics-seconds: 1
                """.formatted(brokerPort) + extra;
    }

    private NodeProcess startNode(Path home, int brokerPort, String extra) throws Exception {
        return NodeProcess.startWithConfig(java.nio.file.Files.createDirectories(home), config(brokerPort, extra), false);
    }

    static Map<String, Object> mqtt(NodeProcess node) throws Exception {
        return object(node.get("/metrics"), "mqtt");
    }

    @Test
    void aGatewayPublishesStatusMetricsAndEventsUnderTheDocumentedTopics() throws Exception {
        try (Mosquitto broker = Mosquitto.on(dir.resolve("broker"), Mosquitto.freePort()).start()) {
            List<String> lines = broker.subscribe("fleet", "smartshare/#");
            try (NodeLine line = NodeLine.start(dir.resolve("line"), 2, "mqtt:\n  host: 127.0.0.1\n  port: "
                    + broker.port() + "\n  metrics-seconds: 1\n")) {
                String gateway = line.id(1);
                List<Message> seen = await(lines, m -> m.stream().anyMatch(x -> x.topic().endsWith("/events")
                        && "mesh_neighbor_up".equals(x.payload().get("type")))
                        && metricsTimes(m, gateway).size() >= 2
                        && m.stream().anyMatch(x -> x.topic().equals("smartshare/" + gateway + "/rewards")));
                Message status = seen.stream().filter(m -> m.topic().equals("smartshare/" + gateway + "/status"))
                        .findFirst().orElseThrow();
                assertEquals("online", status.payload().get("state"));
                assertEquals("sim", status.payload().get("board"));
                assertEquals(gateway, status.payload().get("node"));
                assertEquals(line.get(1, "/node").get("version"), status.payload().get("version"));
                Message metrics = seen.stream().filter(m -> m.topic().equals("smartshare/" + gateway + "/metrics"))
                        .findFirst().orElseThrow();
                assertTrue(object(metrics.payload(), "metrics").containsKey("uptime-seconds"), metrics.toString());
                assertTrue(object(metrics.payload(), "metrics").containsKey("mqtt"), metrics.toString());
                Message rewards = seen.stream().filter(m -> m.topic().equals("smartshare/" + gateway + "/rewards"))
                        .findFirst().orElseThrow();
                assertTrue(object(rewards.payload(), "rewards").containsKey("accepted"), rewards.toString());
                Message up = seen.stream().filter(m -> "mesh_neighbor_up".equals(m.payload().get("type")))
                        .findFirst().orElseThrow();
                assertEquals("smartshare/" + gateway + "/events", up.topic());
                assertEquals(line.id(0), up.payload().get("neighbor"));
                assertTrue(seen.stream().noneMatch(m -> m.topic().startsWith("smartshare/" + line.id(0) + "/")
                        && !(m.topic().endsWith("/summary") && gateway.equals(m.payload().get("via")))),
                        "publish-from: gateways; n0 shares no uplink (its gateway may publish its summary: FleetIT)");
                assertTrue(JsonDocument.list(line.get(0, "/health"), "services").contains(Map.of("name", "mqtt",
                        "state", "off", "reason", "mqtt.publish-from is gateways and this node shares no uplink")),
                        "n0 learns from its mesh that it is no gateway: mqtt off, saying why");
                List<String> late = broker.subscribe("late", "smartshare/+/status");
                await(late, m -> m.stream().anyMatch(x -> "online".equals(x.payload().get("state"))));
                line.node(1).process().destroyForcibly().waitFor();
                await(lines, m -> m.stream().anyMatch(x -> x.topic().equals("smartshare/" + gateway + "/status")
                        && "offline".equals(x.payload().get("state"))));
            }
        }
    }

    @Test
    void theBrokerStoppedForAMinuteAndRestartedLosesNothing() throws Exception {
        try (Mosquitto broker = Mosquitto.on(dir.resolve("broker"), Mosquitto.freePort()).start();
                NodeProcess node = startNode(dir.resolve("node"), broker.port(), "")) {
            List<String> lines = broker.subscribe("fleet", "smartshare/#");
            String id = (String) node.get("/node").get("id");
            await(lines, m -> metricsTimes(m, id).size() >= 2);
            broker.stop();
            Thread.sleep(60_000);
            Map<String, Object> waiting = mqtt(node);
            assertEquals(false, waiting.get("connected"));
            assertTrue(number(waiting, "queued") >= 50, waiting.toString());
            long restarted = System.currentTimeMillis();
            broker.start();
            List<Message> seen = await(lines, m -> metricsTimes(m, id).stream().anyMatch(t -> t > restarted + 2_000));
            List<Long> seqs = seen.stream().filter(m -> m.topic().equals("smartshare/" + id + "/metrics"))
                    .map(m -> number(m.payload(), "seq")).toList();
            long last = seqs.stream().mapToLong(Long::longValue).max().orElseThrow();
            assertEquals(java.util.stream.LongStream.rangeClosed(1, last).boxed().toList(),
                    seqs.stream().distinct().sorted().toList(), "none lost (QoS 1 may repeat one)");
            assertTrue(last >= 60, "a minute of metrics: " + seqs);
            assertEquals(0L, number(mqtt(node), "dropped"));
        }
    }

    @Test
    void aNodeStartedWithNoBrokerDeliversWhatItKeptWhenTheBrokerAppears() throws Exception {
        int port = Mosquitto.freePort();
        try (NodeProcess node = startNode(dir.resolve("node"), port, "")) {
            Thread.sleep(4_000);
            Map<String, Object> waiting = mqtt(node);
            assertEquals(false, waiting.get("connected"));
            assertTrue(number(waiting, "queued") >= 2, waiting.toString());
            assertFalse(((String) waiting.get("last-error")).isEmpty(), "says why: " + waiting);
            assertTrue(node.log().contains("event=mqtt-unavailable"), "logged");
            long appeared = System.currentTimeMillis();
            try (Mosquitto broker = Mosquitto.on(dir.resolve("broker"), port).start()) {
                List<String> lines = broker.subscribe("fleet", "smartshare/#");
                String id = (String) node.get("/node").get("id");
                List<Message> seen = await(lines, m -> metricsTimes(m, id).stream().anyMatch(t -> t > appeared));
                assertTrue(metricsTimes(seen, id).get(0) < appeared - 2_000, "kept from before: " + metricsTimes(seen,
                        id));
            }
        }
    }

    @Test
    void whatANodeKilledWithSigkillHadQueuedIsDeliveredAfterItsRestart() throws Exception {
        int port = Mosquitto.freePort();
        Path home = dir.resolve("node");
        String id;
        long killed;
        try (NodeProcess node = startNode(home, port, "")) {
            id = (String) node.get("/node").get("id");
            Thread.sleep(3_000);
            assertTrue(number(mqtt(node), "queued") >= 2);
            node.process().destroyForcibly().waitFor();
            killed = System.currentTimeMillis();
        }
        try (NodeProcess again = NodeProcess.start(home.resolve("data"), false, "--config",
                home.resolve("node.yaml").toString());
                Mosquitto broker = Mosquitto.on(dir.resolve("broker"), port).start()) {
            List<String> lines = broker.subscribe("fleet", "smartshare/#");
            List<Message> seen = await(lines, m -> metricsTimes(m, id).stream().anyMatch(t -> t > killed + 1_000));
            assertTrue(metricsTimes(seen, id).get(0) < killed - 1_000, "from before the kill: " + metricsTimes(seen,
                    id) + ", killed at " + killed);
            assertEquals(id, again.get("/node").get("id"));
        }
    }

    @Test
    void aFullOutboxDropsTheOldestAndCountsThem() throws Exception {
        int port = Mosquitto.freePort();
        try (NodeProcess node = startNode(dir.resolve("node"), port, "  outbox-kb: 16\n")) {
            String id = (String) node.get("/node").get("id");
            long started = System.currentTimeMillis();
            long deadline = started + 60_000;
            while (number(mqtt(node), "dropped") < 3 && System.currentTimeMillis() < deadline) {
                Thread.sleep(500);
            }
            Map<String, Object> full = mqtt(node);
            assertTrue(number(full, "dropped") >= 3, full.toString());
            assertTrue(number(full, "queued-bytes") <= 16 * 1024, full.toString());
            try (Mosquitto broker = Mosquitto.on(dir.resolve("broker"), port).start()) {
                List<String> lines = broker.subscribe("fleet", "smartshare/#");
                long appeared = System.currentTimeMillis();
                List<Message> seen = await(lines, m -> metricsTimes(m, id).stream().anyMatch(t -> t > appeared));
                assertTrue(metricsTimes(seen, id).get(0) > started + 2_000, "the oldest were dropped: "
                        + metricsTimes(seen, id) + " after a start at " + started);
            }
        }
    }

    @Test
    void tlsWithATestCaAndAClientCertificateAndABrokerFromAnotherCaRefused() throws Exception {
        TestCa ca = TestCa.create(dir.resolve("ca"), "fleet-ca");
        Path[] server = ca.issue("broker", true);
        Path[] client = ca.issue("node", false);
        Path[] reader = ca.issue("reader", false);
        int port = Mosquitto.freePort();
        try (Mosquitto broker = Mosquitto.on(dir.resolve("broker"), port, "allow_anonymous true\ncafile "
                + ca.certificate() + "\ncertfile " + server[0] + "\nkeyfile " + server[1]
                + "\nrequire_certificate true\n").start()) {
            List<String> lines = broker.subscribe("fleet", "smartshare/#", "--cafile", ca.certificate().toString(),
                    "--cert", reader[0].toString(), "--key", reader[1].toString());
            try (NodeProcess node = startNode(dir.resolve("node"), port, "  tls-ca-file: " + ca.certificate()
                    + "\n  tls-cert-file: " + client[0] + "\n  tls-key-file: " + client[1] + "\n")) {
                String id = (String) node.get("/node").get("id");
                await(lines, m -> m.stream().anyMatch(x -> x.topic().equals("smartshare/" + id + "/status")
                        && "online".equals(x.payload().get("state"))));
                assertTrue(((String) mqtt(node).get("broker")).startsWith("ssl://"), mqtt(node).toString());
            }
            TestCa other = TestCa.create(dir.resolve("other-ca"), "other-ca");
            try (NodeProcess stranger = startNode(dir.resolve("stranger"), port, "  tls-ca-file: "
                    + other.certificate() + "\n")) {
                Map<String, Object> refused = awaitError(stranger);
                assertTrue(((String) refused.get("last-error")).toLowerCase(java.util.Locale.ROOT).contains("cert"),
                        "names the certificate: " + refused);
                assertEquals(false, refused.get("connected"));
            }
        }
    }

    @Test
    void wrongCredentialsGiveAClearErrorAndRetriesWithBackoffWhileTheNodeStaysUp() throws Exception {
        Path passwords = Files.createDirectories(dir.resolve("broker")).resolve("passwords");
        Process passwd = new ProcessBuilder("mosquitto_passwd", "-c", "-b", passwords.toString(), "fleet",
                "right-secret").redirectErrorStream(true).start();
        assertEquals(0, passwd.waitFor(), new String(passwd.getInputStream().readAllBytes()));
        int port = Mosquitto.freePort();
        try (Mosquitto broker = Mosquitto.on(dir.resolve("broker"), port, "allow_anonymous false\npassword_file "
                + passwords + "\n").start();
                NodeProcess node = startNode(dir.resolve("node"), port, "  username: fleet\n  password: wrong-secret\n")) {
            long started = System.currentTimeMillis();
            Map<String, Object> refused = awaitError(node);
            String error = (String) refused.get("last-error");
            assertTrue(error.contains("reason code 135") || error.contains("reason code 134"), "not authorized (135, as"
                    + " mosquitto 2.0.11 answers) or bad user name or password (134): " + refused);
            Thread.sleep(Math.max(0, started + 8_000 - System.currentTimeMillis()));
            long attempts = node.log().lines().filter(l -> l.contains("event=mqtt-unavailable")).count();
            assertTrue(attempts >= 2 && attempts <= 4, "retried after 1, 2, 4 s, no faster: " + attempts + " in 8 s");
            assertFalse(node.log().contains("wrong-secret"), "the password is in no log line");
            assertTrue(node.get("/health").containsKey("status"), "the node stays up");
        }
    }

    /** Waits until the node's mqtt section says why it is not connected. */
    static Map<String, Object> awaitError(NodeProcess node) throws Exception {
        return object(node.await("/metrics", doc -> !((String) object(doc, "mqtt").get("last-error")).isEmpty()),
                "mqtt");
    }
}
