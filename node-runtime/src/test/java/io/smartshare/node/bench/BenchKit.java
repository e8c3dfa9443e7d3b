package io.smartshare.node.bench;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the node benchmarks share: the node jar started as a device runs it (through {@code
 * bin/smartshare-node}, with the JVM options of {@code bin/jvm.options}, the sim board, a data dir of its own, its log in the scratch
 * directory), waiting for its first answer, its CPU time, stopping it, and the BENCH line.
 */
final class BenchKit {
    /** The launcher, from the repository's root (where the bench scripts run). */
    private static final Path LAUNCHER = Path.of("bin", "smartshare-node");
    private final Path jar;
    private final List<String> jvmOptions;
    private final long clockTicks;
    private final Path scratch;

    BenchKit(Path jar, List<String> jvmOptions, long clockTicks, Path scratch) {
        this.jar = jar;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.clockTicks = clockTicks;
        this.scratch = scratch;
    }

    Path scratch() {
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
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString(), "run", "--board", "sim", "--data-dir",
                dataDir.toString(), "--coap-port", String.valueOf(port), "--coaps-port", "0");
        Map<String, String> environment = builder.environment();
        environment.put("JAVA", javaBinary());
        environment.put("SMARTSHARE_JAR", jar.toString());
        environment.put("SMARTSHARE_JAVA_OPTS", String.join(" ", jvmOptions));
        environment.put("SMARTSHARE_CDS_DIR", classData.map(Path::toString).orElse(""));
        return builder.redirectErrorStream(true).redirectOutput(nodeLog(port).toFile()).start();
    }

    /** Where the output of the node on {@code port} goes. */
    Path nodeLog(int port) {
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
    static void awaitAnswer(int port) throws IOException {
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
        String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
    }

    double percentOfOneCore(long ticks, double seconds) {
        return 100.0 * ticks / clockTicks / seconds;
    }

    /** SIGTERM, then SIGKILL after 10 s. */
    static void stop(Process process) throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    static int freePort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Prints {@code BENCH <figure> ours=… reference=… ratio=… budget=…} (DESIGN.md). */
    static void bench(String figure, double ours, double reference, String unit, String budget) {
        System.out.printf(Locale.ROOT, "BENCH %s ours=%.2f%s reference=%.2f%s ratio=%.2f budget=%s%n",
                figure, ours, unit, reference, unit, reference == 0 ? Double.NaN : ours / reference, budget);
    }
}
