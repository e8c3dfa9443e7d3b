package io.smartshare.node.bench;

import static io.smartshare.node.bench.BenchKit.awaitAnswer;
import static io.smartshare.node.bench.BenchKit.bench;
import static io.smartshare.node.bench.BenchKit.freePort;
import static io.smartshare.node.bench.BenchKit.stop;

import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.mesh.hello.HelloGate;
import io.smartshare.node.mesh.routing.Rank;
import io.smartshare.node.mesh.wire.FrameCodec;
import io.smartshare.node.mesh.wire.Heartbeat;
import io.smartshare.node.testing.Datagrams;
import io.smartshare.node.testing.NodeProcess;
import io.smartshare.node.testing.Rss;
import io.smartshare.node.testing.SeededIdentities;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * scripts/bench-hostile: the node under floods of bad or spoofed datagrams from rotating
 * source ports, each figure next to the same node unloaded in the same run:
 * <ul>
 *   <li>datagrams per second absorbed, against GETs per second the unloaded node answers;
 *   <li>peak RSS during the flood, against its idle RSS (budget 64 MB);
 *   <li>time to answer a new client after the flood ends, against the unloaded answer time
 *       (budget 1 s);
 *   <li>CPU share during a flood of hellos signed by fresh keys, against the same rate of
 *       plain GETs, and the signature checks per second it caused, against the hello gate's
 *       budget;
 *   <li>log bytes written per 100,000 bad datagrams, against the same time unloaded.
 * </ul>
 * Arguments: the node jar, the JVM options file, the kernel's clock ticks per second, a scratch
 * directory.
 */
public final class HostileBench {
    static final int FLOOD_PORTS = 20_000;
    static final int PER_PORT = 10;
    static final int PACED_SECONDS = 10;
    static final int PACED_RATE = 2_000;
    static final int WARM_UP_SECONDS = 10;
    static final int BAD_DATAGRAMS = 100_000;

    private final BenchKit kit;

    private HostileBench(BenchKit kit) {
        this.kit = kit;
    }

    public static void main(String[] args) throws Exception {
        new HostileBench(new BenchKit(Path.of(args[0]), NodeProcess.readJvmOptions(Path.of(args[1])),
                Long.parseLong(args[2]), Path.of(args[3]))).run();
    }

    private void run() throws Exception {
        System.out.println("JVM options: " + String.join(" ", kit.jvmOptions()));
        int port = freePort();
        Process node = kit.startNode(port, kit.scratch().resolve("data"));
        try {
            awaitAnswer(port);
            Thread.sleep(5_000);
            Datagrams to = new Datagrams(port);
            double idleRss = Rss.megabytes(node.pid());
            double unloadedAnswerMillis = medianAnswerMillis(port);
            double unloadedRate = closedLoopGetsPerSecond(port, 5);

            List<byte[]> mix = List.of(to.non(1, "node", new byte[0]), to.non(2, "mh", FrameCodec.encode(new Heartbeat(7))),
                    garbage(new Random(1)));
            long start = System.nanoTime();
            long sent;
            double peak;
            try (Rss rss = new Rss(node.pid())) {
                sent = to.fromFreshPorts(FLOOD_PORTS, PER_PORT, mix);
                peak = rss.peakMegabytes();
            }
            double floodSeconds = (System.nanoTime() - start) / 1e9;
            double afterFloodMillis = firstAnswerMillis(port);
            if (!node.isAlive()) {
                throw new IllegalStateException("the node died under the flood, exit " + node.exitValue());
            }
            System.out.printf(Locale.ROOT, "flood: %d datagrams (NON GET /node, 2-byte heartbeats, 40 bytes of garbage)"
                    + " from %d source ports in %.1f s%n", sent, FLOOD_PORTS, floodSeconds);
            bench("flood-absorbed", sent / floodSeconds, unloadedRate, "/s",
                    "none(datagrams/s absorbed against GET/s answered unloaded, closed loop)");
            bench("flood-peak-rss", peak, idleRss, "MB", "<=64MB with -Xmx32m");
            bench("answer-after-flood", afterFloodMillis, unloadedAnswerMillis, "ms", "<=1000ms");

            Thread.sleep(2_000);
            Random random = new Random(2);
            Supplier<byte[]> get = () -> to.non(1, "node", new byte[0]);
            Supplier<byte[]> hello = () -> to.non(2, "mh", FrameCodec.encode(
                    SeededIdentities.signer(NodeIdentity.fromSeed(seed(random)), 1).sign(true, Rank.ROOT, 1, 1_000, 0)));
            pacedCpuPercent(node, port, get, WARM_UP_SECONDS); // the JIT compiles each path once: not measured
            pacedCpuPercent(node, port, hello, WARM_UP_SECONDS);
            double getCpu = pacedCpuPercent(node, port, get, PACED_SECONDS);
            long checksBefore = signatureChecks(port);
            long helloStart = System.nanoTime();
            double helloCpu = pacedCpuPercent(node, port, hello, PACED_SECONDS);
            double checksPerSecond = (signatureChecks(port) - checksBefore) / ((System.nanoTime() - helloStart) / 1e9);
            System.out.printf(Locale.ROOT, "paced: %d datagrams/s for %d s each, from fresh source ports, after %d s of"
                    + " each to warm up%n", PACED_RATE, PACED_SECONDS, WARM_UP_SECONDS);
            bench("fresh-key-hello-flood-cpu", helloCpu, getCpu, "%",
                    "none(informative: the same rate of plain GETs; the JIT is still compiling both paths)");
            bench("fresh-key-hello-flood-signature-checks", checksPerSecond,
                    HelloGate.KNOWN_PER_SECOND + HelloGate.NEW_PER_SECOND, "/s",
                    "<=reference(the hello gate's node-wide budgets, plus their bursts once)");

            Path log = kit.nodeLog(port);
            long before = Files.size(log);
            Thread.sleep(PACED_SECONDS * 1_000L);
            long unloadedLogBytes = Files.size(log) - before;
            before = Files.size(log);
            List<byte[]> bad = new ArrayList<>(List.of(to.hugeSize1(), garbage(new Random(3)),
                    to.non(2, "mh", new byte[] {(byte) 0xee, 1, 2}), to.non(2, "receipts", new byte[] {1, 2, 3})));
            for (int i = 0; i < 20; i++) {
                bad.add(to.non(2, "mh", FrameCodec.encode(SeededIdentities.signer(NodeIdentity.fromSeed(seed(random)), 1)
                        .sign(true, Rank.ROOT, 1, 1_000, 0))));
            }
            to.fromFreshPorts(BAD_DATAGRAMS / 10, 10, bad);
            Thread.sleep(1_000);
            long badLogBytes = Files.size(log) - before;
            System.out.println("bad: Size1 0xffffffff, garbage, malformed mesh frames, malformed receipts, hellos"
                    + " signed by fresh keys; the reference is the same node's log over " + PACED_SECONDS + " s unloaded");
            bench("log-bytes-per-100k-bad-datagrams", badLogBytes, unloadedLogBytes, "B",
                    "bounded(one-line-per-kind-per-minute)");
        } finally {
            stop(node);
        }
    }

    private static byte[] garbage(Random random) {
        byte[] bytes = new byte[40];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] seed(Random random) {
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        return seed;
    }

    /** CPU of the node, in % of one core, while it gets {@value #PACED_RATE} datagrams/s from fresh ports. */
    private double pacedCpuPercent(Process node, int port, Supplier<byte[]> datagram, int seconds)
            throws Exception {
        Datagrams to = new Datagrams(port);
        long ticks = kit.cpuTicks(node);
        long start = System.nanoTime();
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / PACED_RATE;
        for (long i = 0; i < (long) PACED_RATE * seconds; i++) {
            to.fromFreshPorts(1, 1, List.of(datagram.get()));
            long wait = start + (i + 1) * intervalNanos - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        return kit.percentOfOneCore(kit.cpuTicks(node) - ticks, (System.nanoTime() - start) / 1e9);
    }

    /** Hellos whose signature the node checked so far ({@code /mesh/neighbors}: accepted + bad-signature). */
    private static long signatureChecks(int port) throws IOException, InterruptedException {
        Process client = new ProcessBuilder("coap-client-notls", "-B", "5", "coap://127.0.0.1:" + port + "/mesh/neighbors")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String doc = new String(client.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        client.waitFor();
        java.util.regex.Matcher hellos = java.util.regex.Pattern
                .compile("\"hellos\":\\{\"accepted\":(\\d+),\"sighted\":\\d+,\"bad-signature\":(\\d+)").matcher(doc);
        if (!hellos.find()) {
            throw new IOException("no hello counters in /mesh/neighbors: " + doc);
        }
        return Long.parseLong(hellos.group(1)) + Long.parseLong(hellos.group(2));
    }

    /** Milliseconds from now until a new client's GET is answered (10 ms per try). */
    private static double firstAnswerMillis(int port) throws IOException {
        long start = System.nanoTime();
        try (CoapProbe probe = new CoapProbe(new InetSocketAddress("127.0.0.1", port), 10)) {
            while (!probe.get("node")) {
                if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(60)) {
                    return Double.POSITIVE_INFINITY;
                }
            }
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static double medianAnswerMillis(int port) throws IOException {
        double[] samples = new double[9];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = firstAnswerMillis(port);
        }
        java.util.Arrays.sort(samples);
        return samples[samples.length / 2];
    }

    private static double closedLoopGetsPerSecond(int port, int seconds) throws IOException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long answered = 0;
        try (CoapProbe probe = new CoapProbe(new InetSocketAddress("127.0.0.1", port), 1_000)) {
            while (System.nanoTime() < end) {
                if (probe.get("node")) {
                    answered++;
                }
            }
        }
        return answered / (double) seconds;
    }
}
