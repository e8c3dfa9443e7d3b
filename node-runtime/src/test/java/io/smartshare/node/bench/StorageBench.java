package io.smartshare.node.bench;

import static io.smartshare.node.bench.BenchKit.awaitAnswer;
import static io.smartshare.node.bench.BenchKit.awaitEvent;
import static io.smartshare.node.bench.BenchKit.awaitNeighbour;
import static io.smartshare.node.bench.BenchKit.bench;
import static io.smartshare.node.bench.BenchKit.command;
import static io.smartshare.node.bench.BenchKit.freePort;
import static io.smartshare.node.bench.BenchKit.get;
import static io.smartshare.node.bench.BenchKit.nodeId;
import static io.smartshare.node.bench.BenchKit.operator;
import static io.smartshare.node.bench.BenchKit.stop;

import io.smartshare.contracts.storage.StorageAgreement;
import io.smartshare.contracts.storage.StorageAudit;
import io.smartshare.contracts.storage.StoragePrice;
import io.smartshare.contracts.storage.StorageTerms;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.merkle.CompactRange;
import io.smartshare.ledger.merkle.TreeHasher;
import io.smartshare.node.cli.OperatorConnection;
import io.smartshare.node.coap.SmallDeviceCoapConfig;
import io.smartshare.node.storage.HeldContents;
import io.smartshare.node.testing.NodeProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;

/**
 * scripts/bench-storage: storage sharing between two node processes on the sim board, owner O
 * and holder H, mesh neighbours over loopback (docs/storage.md, "Figures").
 * <ul>
 * <li>upload and download throughput of {@code storage put} and {@code get} (from the owner's
 *     log: agreed to uploaded, retrieving to retrieved; sealing and the CLI not counted),
 *     each against a plain CoAP block-wise transfer of the same number of bytes in the same
 *     8 KiB bodies with the node's CoAP configuration, to the same holder process in the same
 *     run: uploads to H's {@code /storage/<id>/leaves} that H refuses (4.01) once the whole
 *     body arrived, so H does nothing with them; downloads derived from {@code POST
 *     /mesh/echo} of the same bodies (up and down) less the upload. The reference's client is
 *     a plain Californium client, not O: the node has no plain transfer an operator could
 *     start;</li>
 * <li>the round trip of an operator's {@code storage audit} (coaps to O, O challenges H, H
 *     proves the leaf, O checks it), next to a coaps {@code GET /node} on O;</li>
 * <li>the chance that k audits catch a holder that lost 1 % of the leaves, measured over
 *     trials against a real store with 1 % of its leaves damaged, next to 1 − 0.99^k.</li>
 * </ul>
 * The reference's client runs in a JVM of its own with the device's JVM options, as the
 * owner's node does. Arguments: the node jar, this classpath, the JVM options file, the
 * kernel's clock ticks per second, a scratch directory.
 */
public final class StorageBench {
    static final int FILE_BYTES = 8_000_000;
    static final int BODY = 8_192;
    static final int AUDITS = 20;
    static final int TRIALS = 200;
    private static final Pattern EVENT_TIME = Pattern.compile("^(\\S+) INFO \\S+ - event=(storage-\\S+) ");
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private final BenchKit kit;
    private final Path jar;
    private final String classpath;

    private StorageBench(BenchKit kit, Path jar, String classpath) {
        this.kit = kit;
        this.jar = jar;
        this.classpath = classpath;
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("plain")) { // the reference client, in a JVM of its own with the device's options
            double[] seconds = plainTransfers(Integer.parseInt(args[1]), args[2], Files.readAllBytes(Path.of(args[3])));
            System.out.println("plain-seconds " + seconds[0] + " " + seconds[1]);
            System.exit(0);
        }
        List<String> options = NodeProcess.readJvmOptions(Path.of(args[2]));
        new StorageBench(new BenchKit(Path.of(args[0]), options, Long.parseLong(args[3]), Path.of(args[4])),
                Path.of(args[0]), args[1]).run();
        System.exit(0);
    }

    /** Runs {@link #plainTransfers} in a JVM with the node's options, as the owner's node runs. */
    private double[] plainInDeviceJvm(int holderPort, String id, Path file) throws Exception {
        List<String> command = kit.java();
        command.addAll(List.of("-cp", classpath, StorageBench.class.getName(), "plain", String.valueOf(holderPort), id,
                file.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        Matcher m = Pattern.compile("plain-seconds (\\S+) (\\S+)").matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("the plain transfer failed: " + output);
        }
        System.out.print(output.lines().filter(l -> l.startsWith("plain:")).map(l -> l + "\n").findFirst().orElse(""));
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
    }

    private void run() throws Exception {
        detection();
        int ownerPort = freePort();
        int holderPort = freePort();
        int ownerCoaps = freePort();
        Path config = Files.writeString(kit.scratch().resolve("node.yaml"), """
                security:
                  psk:
                    - identity: operator
                      key: operator-secret-1
                      may-write-config: true
                storage:
                  audit-seconds: 3600
                """);
        Process holder = kit.startMeshNode(holderPort, freePort(), ownerPort, config, "holder", "--uplink", "1000");
        Process owner = kit.startMeshNode(ownerPort, ownerCoaps, holderPort, config, "owner");
        try {
            for (int port : new int[] {holderPort, ownerPort}) {
                try {
                    awaitAnswer(port);
                } catch (IllegalStateException e) {
                    throw new IllegalStateException(e.getMessage() + "; its log:\n" + Files.readString(kit.nodeLog(port)), e);
                }
            }
            String holderId = nodeId(holderPort);
            awaitNeighbour(ownerPort, holderId);
            Path file = kit.scratch().resolve("eight-mb");
            byte[] bytes = new byte[FILE_BYTES];
            new Random(1).nextBytes(bytes);
            Files.write(file, bytes);
            String id;
            double upload;
            double download;

            try (OperatorConnection operator = operator(ownerCoaps)) {
                // As `storage put` and `get` ask; the CLI's own JVM would compete for the two cores.
                command(operator, "/storage/owned/put?file=" + file + "&on=" + holderId + "&days=1");
                awaitEvent(kit.nodeLog(ownerPort), "storage-uploaded");
                id = lastId(kit.nodeLog(ownerPort));
                Path back = kit.scratch().resolve("back");
                command(operator, "/storage/owned/get?id=" + id + "&out=" + back);
                awaitEvent(kit.nodeLog(ownerPort), "storage-retrieved");
                if (!Arrays.equals(bytes, Files.readAllBytes(back))) {
                    throw new IllegalStateException("get returned other bytes");
                }
                upload = seconds(kit.nodeLog(ownerPort), "storage-agreed", "storage-uploaded");
                download = seconds(kit.nodeLog(ownerPort), "storage-retrieving", "storage-retrieved");
            }
            double[] plain = plainInDeviceJvm(holderPort, id, file);
            double mb = FILE_BYTES / 1e6;
            bench("storage-upload-one-hop", mb / upload, mb / plain[0], "MB/s", ">=0.8 of plain block-wise");
            bench("storage-download-one-hop", mb / download, mb / plain[1], "MB/s", ">=0.8 of plain block-wise");
            auditRoundTrip(ownerCoaps, id);
        } finally {
            stop(owner);
            stop(holder);
        }
    }

    /** Seconds from the owner's last {@code from} event to its last {@code to} event. */
    private static double seconds(Path log, String from, String to) throws Exception {
        OffsetDateTime start = null;
        OffsetDateTime end = null;
        for (String line : Files.readAllLines(log)) {
            Matcher m = EVENT_TIME.matcher(line);
            if (m.find()) {
                OffsetDateTime at = OffsetDateTime.parse(m.group(1), LOG_TIME);
                if (m.group(2).equals(from)) {
                    start = at;
                } else if (m.group(2).equals(to)) {
                    end = at;
                }
            }
        }
        if (start == null || end == null) {
            throw new IllegalStateException(log + " has no " + from + " and " + to);
        }
        return (end.toInstant().toEpochMilli() - start.toInstant().toEpochMilli()) / 1000.0;
    }

    private static String lastId(Path log) throws Exception {
        Pattern agreed = Pattern.compile("event=storage-agreed role=owner id=([0-9a-f]{32})");
        String id = null;
        for (String line : Files.readAllLines(log)) {
            Matcher m = agreed.matcher(line);
            if (m.find()) {
                id = m.group(1);
            }
        }
        if (id == null) {
            throw new IllegalStateException("no agreement in " + log);
        }
        return id;
    }

    /** Seconds for the plain upload and the plain download of the file's bytes in the same bodies. */
    private static double[] plainTransfers(int holderPort, String id, byte[] bytes) throws Exception {
        CoapEndpoint endpoint = CoapEndpoint.builder().setConfiguration(SmallDeviceCoapConfig.create()).build();
        CoapClient client = new CoapClient();
        client.setEndpoint(endpoint);
        client.setTimeout(30_000L);
        try {
            String leaves = "coap://127.0.0.1:" + holderPort + "/storage/" + id + "/leaves?from=0";
            long start = System.nanoTime();
            for (int from = 0; from < bytes.length; from += BODY) {
                client.setURI(leaves);
                CoapResponse response = client.post(Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + BODY)),
                        MediaTypeRegistry.APPLICATION_OCTET_STREAM);
                if (response == null || !response.getCode().toString().equals("4.01")) {
                    throw new IllegalStateException("plain upload: " + (response == null ? "no answer"
                            : response.getCode() + " " + response.getResponseText()));
                }
            }
            double up = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            for (int from = 0; from < bytes.length; from += BODY) {
                client.setURI("coap://127.0.0.1:" + holderPort + "/mesh/echo");
                byte[] body = Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + BODY));
                CoapResponse response = client.post(body, MediaTypeRegistry.APPLICATION_OCTET_STREAM);
                if (response == null || response.getPayload().length != body.length) {
                    throw new IllegalStateException("plain echo: " + (response == null ? "no answer"
                            : response.getCode()));
                }
            }
            double echo = (System.nanoTime() - start) / 1e9;
            System.out.printf("plain: upload %.2f s, echo (up and down) %.2f s%n", up, echo);
            return new double[] {up, echo - up};
        } finally {
            client.shutdown();
            endpoint.destroy();
        }
    }

    /** Median round trip of {@code storage audit} commands and of coaps GET /node, over one coaps session. */
    private void auditRoundTrip(int ownerCoaps, String id) throws Exception {
        List<Double> audits = new ArrayList<>();
        List<Double> reads = new ArrayList<>();
        try (OperatorConnection session = operator(ownerCoaps)) {
            session.get("/node"); // the DTLS handshake, once
            for (int i = 0; i < AUDITS; i++) {
                long start = System.nanoTime();
                OperatorConnection.Answer verdict = session.post("/storage/owned/audit?id=" + id);
                audits.add((System.nanoTime() - start) / 1e6);
                if (!verdict.text().contains("\"passed\"")) {
                    throw new IllegalStateException("audit: " + verdict);
                }
                start = System.nanoTime();
                session.get("/node");
                reads.add((System.nanoTime() - start) / 1e6);
                Thread.sleep(600); // the holder answers one audit of a content per 500 ms
            }
        }
        bench("storage-audit-round-trip", median(audits), median(reads), "ms",
                "none (reference: coaps GET /node on the owner)");
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** Detection at 1 % of the leaves lost: measured over trials against a real store, next to 1 − 0.99^k. */
    private void detection() throws Exception {
        int leaves = 1_000;
        int leafSize = 256;
        byte[] content = new byte[leaves * leafSize];
        new Random(2).nextBytes(content);
        CompactRange range = new CompactRange();
        for (int i = 0; i < leaves; i++) {
            range.append(TreeHasher.leaf(Arrays.copyOfRange(content, i * leafSize, (i + 1) * leafSize)));
        }
        NodeIdentity owner = NodeIdentity.generate(new SecureRandom());
        NodeIdentity holder = NodeIdentity.generate(new SecureRandom());
        long now = System.currentTimeMillis() / 1000;
        StorageTerms terms = new StorageTerms(owner.publicKey(), holder.publicKey(), range.root().bytes(), content.length,
                leafSize, now - 1, now + 3_600, new StoragePrice(1, 1), 60, new byte[StorageTerms.NONCE_LENGTH]);
        Path dir = kit.scratch().resolve("detection");
        HeldContents store = HeldContents.open(dir, 1 << 30, System::currentTimeMillis);
        store.admit(StorageAgreement.accept(StorageAgreement.propose(terms, owner), holder).orElseThrow()).orElseThrow();
        store.write(terms.idHex(), 0, content).orElseThrow();
        Random random = new Random(3);
        try (var file = new java.io.RandomAccessFile(dir.resolve(terms.idHex()).resolve("content").toFile(), "rw")) {
            for (int lost = 0; lost < leaves / 100; lost++) {
                file.seek((long) (lost * 97 + 13) * leafSize + random.nextInt(leafSize));
                int b = file.read();
                file.seek(file.getFilePointer() - 1);
                file.write(b ^ 0xff);
            }
        }
        for (int k : new int[] {100, 459}) {
            int caught = 0;
            for (int trial = 0; trial < TRIALS; trial++) {
                for (int c = 0; c < k; c++) {
                    byte[] nonce = new byte[StorageAudit.NONCE_LENGTH];
                    random.nextBytes(nonce);
                    HeldContents.Answer answer = store.audit(terms.idHex(), nonce).orElseThrow();
                    if (StorageAudit.check(terms, nonce, answer.leaf(), answer.proof()).rejection().isPresent()) {
                        caught++;
                        break;
                    }
                }
            }
            bench("storage-detection-1pct-lost-k" + k, 100.0 * caught / TRIALS, 100 * StorageAudit.detection(10, leaves, k),
                    "%", "measured within sampling error of computed (" + TRIALS + " trials)");
        }
    }

}
