package io.smartshare.node.bench;

import io.smartshare.node.cli.OperatorConnection;
import io.smartshare.node.coap.SmallDeviceCoapConfig;
import io.smartshare.node.config.PskIdentity;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.network.CoapEndpoint;

/**
 * What the node benchmarks share: the node jar started as a device runs it (through {@code
 * bin/smartshare-node}, with the JVM options of {@code bin/jvm.options}, the sim board, a data dir of its own, its log in the scratch
 * directory), waiting for its first answer, its CPU time, stopping it, and the BENCH line.
 */
public final class BenchKit {
    /** The launcher, from the repository's root (where the bench scripts run). */
    private static final Path LAUNCHER = Path.of("bin", "smartshare-node");
    private final Path jar;
    private final List<String> jvmOptions;
    private final long clockTicks;
    private final Path scratch;

    public BenchKit(Path jar, List<String> jvmOptions, long clockTicks, Path scratch) {
        this.jar = jar;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.clockTicks = clockTicks;
        this.scratch = scratch;
    }

    public Path scratch() {
        return scratch;
    }

    /**
     * Starts the node on the sim board on {@code port} as {@code bin/smartshare-node run} does,
     * with no class-data archive; its output goes to {@link #nodeLog(int)}.
     */
    Process startNode(int port, Path dataDir) throws IOException {
        return startNode(port, dataDir, Optional.empty());
    }

    /** As {@link #startNode(int, Path)}, the launcher keeping its class-data archive in {@code classData} if given. */
    Process startNode(int port, Path dataDir, Optional<Path> classData) throws IOException {
        return launch(port, classData, List.of("run", "--board", "sim", "--data-dir", dataDir.toString(),
                "--coap-port", String.valueOf(port), "--coaps-port", "0"));
    }

    /** Runs {@code bin/smartshare-node <args>} with the device's JVM options, output to {@link #nodeLog(int)}. */
    private Process launch(int port, Optional<Path> classData, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.put("JAVA", javaBinary());
        environment.put("SMARTSHARE_JAR", jar.toString());
        environment.put("SMARTSHARE_JAVA_OPTS", String.join(" ", jvmOptions));
        environment.put("SMARTSHARE_CDS_DIR", classData.map(Path::toString).orElse(""));
        return builder.redirectErrorStream(true).redirectOutput(nodeLog(port).toFile()).start();
    }

    /** Where the output of the node on {@code port} goes. */
    public Path nodeLog(int port) {
        return scratch.resolve("node-" + port + ".log");
    }

    /** {@code java} with the device's JVM options, to append a main class or jar to. */
    List<String> java() {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        return command;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    List<String> jvmOptions() {
        return jvmOptions;
    }

    /** Waits (at most 60 s) until {@code port} answers a GET of {@code /node}. */
    public static void awaitAnswer(int port) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (CoapProbe probe = new CoapProbe(new InetSocketAddress("127.0.0.1", port), 10)) {
            while (!probe.get("node")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no answer on port " + port + " within 60 s");
                }
            }
        }
    }

    /** User plus system CPU time of {@code process} so far, in clock ticks. */
    long cpuTicks(Process process) throws IOException {
        return cpuTicks(Path.of("/proc", String.valueOf(process.pid()), "stat"));
    }

    /** User plus system CPU time in a {@code stat} file of {@code /proc} (a process's or a thread's), in clock ticks. */
    static long cpuTicks(Path statFile) throws IOException {
        String stat = Files.readString(statFile);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
    }

    double percentOfOneCore(long ticks, double seconds) {
        return 100.0 * ticks / clockTicks / seconds;
    }

    /** SIGTERM, then SIGKILL after 10 s. */
    public static void stop(Process process) throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    public static int freePort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Prints {@code BENCH <figure> ours=… reference=… ratio=… budget=…} (DESIGN.md). */
    public static void bench(String figure, double ours, double reference, String unit, String budget) {
        System.out.printf(Locale.ROOT, "BENCH %s ours=%.2f%s reference=%.2f%s ratio=%.2f budget=%s%n",
                figure, ours, unit, reference, unit, reference == 0 ? Double.NaN : ours / reference, budget);
    }

    /**
     * Starts the node on the sim board as {@code bin/smartshare-node run} does, with data dir
     * {@code scratch/name}, operator config {@code config} and {@code peerPort} as its mesh
     * neighbour, plus {@code extra} options, with no class-data archive; its output goes to
     * {@link #nodeLog(int)}.
     */
    Process startMeshNode(int port, int coapsPort, int peerPort, Path config, String name, String... extra)
            throws IOException {
        return startMeshNode(port, coapsPort, peerPort, config, name, Optional.empty(), extra);
    }

    /** As {@link #startMeshNode(int, int, int, Path, String, String...)}, with the launcher's archive in {@code classData}. */
    public Process startMeshNode(int port, int coapsPort, int peerPort, Path config, String name,
            Optional<Path> classData, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("run", "--board", "sim", "--data-dir",
                scratch.resolve(name).toString(), "--config", config.toString(), "--coap-port",
                String.valueOf(port), "--coaps-port", String.valueOf(coapsPort), "--mesh-peers",
                "127.0.0.1:" + peerPort));
        args.addAll(List.of(extra));
        return launch(port, classData, args);
    }

    /** GET {@code path} of the node on {@code port} over plain coap, as text. */
    static String get(int port, String path) throws Exception {
        CoapEndpoint endpoint = CoapEndpoint.builder().setConfiguration(SmallDeviceCoapConfig.create()).build();
        CoapClient client = new CoapClient("coap://127.0.0.1:" + port + path);
        client.setEndpoint(endpoint);
        client.setTimeout(10_000L);
        try {
            CoapResponse response = client.get();
            return response == null ? "" : response.getResponseText();
        } finally {
            client.shutdown();
            endpoint.destroy();
        }
    }

    static String nodeId(int port) throws Exception {
        Matcher m = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(get(port, "/node"));
        if (!m.find()) {
            throw new IllegalStateException("no node id on port " + port);
        }
        return m.group(1);
    }

    /** Waits (at most 60 s) until the node on {@code port} has {@code id} as a live neighbour. */
    static void awaitNeighbour(int port, String id) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!get(port, "/mesh/neighbors").matches("(?s).*\"id\":\"" + id + "\"[^}]*\"alive\":true.*")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(id + " never became a neighbour of port " + port);
            }
            Thread.sleep(250);
        }
    }

    static OperatorConnection operator(int coapsPort) {
        return new OperatorConnection(URI.create("coaps://127.0.0.1:" + coapsPort),
                new PskIdentity("operator", "operator-secret-1".getBytes(StandardCharsets.UTF_8), true));
    }

    static void command(OperatorConnection operator, String pathAndQuery) {
        OperatorConnection.Answer answer = operator.post(pathAndQuery);
        if (!answer.success()) {
            throw new IllegalStateException(pathAndQuery + ": " + answer.code() + " " + answer.text());
        }
    }

    /** Waits (at most 10 minutes) until {@code log} has an {@code event} line. */
    static void awaitEvent(Path log, String event) throws Exception {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (!Files.readString(log).contains("event=" + event + " ")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + event + " in " + log);
            }
            Thread.sleep(200);
        }
    }
}
