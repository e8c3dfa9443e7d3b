package io.smartshare.node.telemetry;

import static io.smartshare.node.bench.BenchKit.awaitAnswer;
import static io.smartshare.node.bench.BenchKit.bench;
import static io.smartshare.node.bench.BenchKit.freePort;
import static io.smartshare.node.bench.BenchKit.stop;

import io.smartshare.node.bench.BenchKit;
import io.smartshare.node.testing.Mosquitto;
import io.smartshare.node.testing.NodeProcess;
import io.smartshare.node.testing.Rss;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * scripts/bench-mqtt: how fast a node delivers what its outbox kept (as after a broker outage)
 * to a real mosquitto, against {@code mosquitto_pub -q 1} publishing the same messages to the
 * same broker in the same run, both counted by the same persistent {@code mosquitto_sub}; and
 * the node's RSS with the MQTT service on, while it delivers against while it waits for the
 * broker. The node runs as {@code bin/smartshare-node run} runs it on a device, with the
 * class-data archive its launcher made from an earlier run that published. Its outbox is filled
 * with {@value #MESSAGES} messages of a metrics message's size before it starts; the rate runs
 * from its {@code event=mqtt-connected} log line to the last message received. Arguments: the
 * node jar, the JVM options file, the kernel's clock ticks per second, a scratch directory.
 */
public final class MqttBench {
    static final int MESSAGES = 2_000;
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private MqttBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchKit kit = new BenchKit(Path.of(args[0]), NodeProcess.readJvmOptions(Path.of(args[1])),
                Long.parseLong(args[2]), Path.of(args[3]));
        byte[] payload = payload();
        Mosquitto broker = Mosquitto.on(kit.scratch().resolve("broker"), Mosquitto.freePort()).start();
        try {
            List<String> lines = broker.subscribe("bench", "bench/#");
            double reference = mosquittoPub(broker, payload, lines);
            Path config = Files.writeString(kit.scratch().resolve("node.yaml"), """
                    mqtt:
                      host: 127.0.0.1
                      port: %d
                      publish-from: every-node
                      metrics-seconds: 1
                      outbox-kb: 65536
                    """.formatted(broker.port()));
            Path classData = Files.createDirectories(kit.scratch().resolve("cds"));
            for (String round : new String[] {"record", "archive"}) { // as on a device
                int port = freePort();
                Process node = kit.startMeshNode(port, freePort(), freePort(), config, "node-" + round,
                        Optional.of(classData));
                awaitAnswer(port);
                Thread.sleep(round.equals("record") ? 4_000 : 0);
                stop(node);
            }
            Path home = kit.scratch().resolve("node");
            try (Outbox outbox = Outbox.open(home.resolve(MqttService.DIRECTORY), 64L << 20)) {
                for (int i = 0; i < MESSAGES; i++) {
                    outbox.add("bench/node", payload, false);
                }
            }
            broker.stop();
            int port = freePort();
            Process node = kit.startMeshNode(port, freePort(), freePort(), config, "node", Optional.of(classData));
            try {
                awaitAnswer(port);
                Thread.sleep(4_000);
                double waitingRss = 0;
                for (int i = 0; i < 10; i++) {
                    waitingRss = Math.max(waitingRss, Rss.megabytes(node.pid()));
                    Thread.sleep(200);
                }
                broker.start();
                double peakRss = 0;
                long deadline = System.nanoTime() + 300_000_000_000L;
                while (count(lines, "bench/node ") < MESSAGES && System.nanoTime() < deadline) {
                    peakRss = Math.max(peakRss, Rss.megabytes(node.pid()));
                    Thread.sleep(50);
                }
                long received = System.currentTimeMillis();
                long connected = connectedAt(kit.nodeLog(port));
                double ours = MESSAGES / ((received - connected) / 1000.0);
                System.out.printf(Locale.ROOT, "mqtt: %d messages of %d bytes, node %.0f/s, mosquitto_pub %.0f/s%n",
                        MESSAGES, payload.length, ours, reference);
                bench("mqtt-delivery-messages-per-second", ours, reference, "/s",
                        "none (reference: mosquitto_pub -q 1 of the same messages to the same broker)");
                bench("mqtt-rss-while-delivering", peakRss, waitingRss, "MB",
                        "<=64MB (reference: the same node waiting for the broker; both with the class-data archive)");
            } finally {
                stop(node);
            }
        } finally {
            broker.close();
        }
        System.exit(0);
    }

    /** A metrics message's size of JSON on one line. */
    static byte[] payload() {
        StringBuilder json = new StringBuilder("{\"node\":\"bench\",\"metrics\":{");
        for (int i = 0; json.length() < 2_500; i++) {
            json.append(i == 0 ? "" : ",").append("\"counter-").append(i).append("\":").append(i * 7919L);
        }
        return json.append("}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static long count(List<String> lines, String prefix) {
        synchronized (lines) {
            return lines.stream().filter(l -> l.startsWith(prefix)).count();
        }
    }

    /** Messages a second of {@code mosquitto_pub -l -q 1}, one line a message, until the subscriber has them all. */
    private static double mosquittoPub(Mosquitto broker, byte[] payload, List<String> lines) throws Exception {
        Path file = Files.createTempFile("mqtt-bench", ".lines");
        String line = new String(payload, StandardCharsets.UTF_8) + "\n";
        Files.writeString(file, line.repeat(MESSAGES));
        long start = System.currentTimeMillis();
        Process pub = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", String.valueOf(broker.port()), "-t",
                "bench/reference", "-q", "1", "-l").redirectInput(file.toFile()).redirectErrorStream(true).start();
        while (count(lines, "bench/reference ") < MESSAGES) {
            Thread.sleep(20);
        }
        long end = System.currentTimeMillis();
        pub.waitFor();
        Files.delete(file);
        return MESSAGES / ((end - start) / 1000.0);
    }

    private static long connectedAt(Path log) throws Exception {
        String line = Files.readAllLines(log).stream().filter(l -> l.contains("event=mqtt-connected")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the node never connected; see " + log));
        return OffsetDateTime.parse(line.substring(0, line.indexOf(' ')), LOG_TIME).toInstant().toEpochMilli();
    }
}
