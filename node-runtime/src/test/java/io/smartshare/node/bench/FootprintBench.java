package io.smartshare.node.bench;

import static io.smartshare.node.bench.BenchKit.awaitAnswer;
import static io.smartshare.node.bench.BenchKit.bench;
import static io.smartshare.node.bench.BenchKit.freePort;
import static io.smartshare.node.bench.BenchKit.stop;

import io.smartshare.node.bench.AllServices.Services;
import io.smartshare.node.testing.NodeProcess;
import io.smartshare.node.testing.Rss;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * scripts/bench-footprint: start time, resident memory and idle CPU of the node, each next to
 * the same figure for a bare Californium server (same JVM options, same small-device
 * configuration) measured in the same run, and against its DESIGN.md budget. The node runs
 * as {@code bin/smartshare-node run} runs it, with a mesh neighbour ({@link AllServices}), with
 * the class-data archive the launcher makes on a device's second start (its start without
 * the archive is printed beside): start and stop with every service on; idle CPU and memory
 * with every service the sim board enables (the budget's figures), then with every service.
 *
 * <p>Arguments: the node jar, the classpath holding {@link BareCoapServer}, the JVM options
 * file, the kernel's clock ticks per second, a scratch directory.
 */
public final class FootprintBench {
    static final int START_ROUNDS = 5;
    /**
     * Idle CPU is measured over a minute in two places: first once the node has started (its
     * mesh attached to the neighbour, its services' first rounds done), which includes C1
     * compiling the idle paths as they warm up (a method is compiled after 200 calls: once per
     * heartbeat, that takes minutes), printed for information; then from
     * {@value #STEADY_AFTER_SECONDS} s after start on, the figure the budget is for: what an
     * operator sees in top once the node has run a while.
     */
    static final int IDLE_SECONDS = 60;
    static final int STEADY_AFTER_SECONDS = 180;
    static final int LOAD_SECONDS = 20;
    static final int LOAD_CLIENTS = 4;
    static final int LOAD_RATE_PER_CLIENT = 50;
    /** What the monitoring load asks for, round-robin. */
    private static final String[] MONITORED = {"node", "health", "metrics"};

    private final BenchKit kit;
    private final String classpath;
    private AllServices node;

    private FootprintBench(BenchKit kit, String classpath) {
        this.kit = kit;
        this.classpath = classpath;
    }

    public static void main(String[] args) throws Exception {
        List<String> options = NodeProcess.readJvmOptions(Path.of(args[2]));
        new FootprintBench(new BenchKit(Path.of(args[0]), options, Long.parseLong(args[3]), Path.of(args[4])), args[1]).run();
    }

    private void run() throws Exception {
        System.out.println("JVM options: " + String.join(" ", kit.jvmOptions()));
        try (AllServices allServices = AllServices.start(kit)) {
            node = allServices;
            measure();
        }
    }

    private void measure() throws Exception {
        System.out.println("start: the node with every service (" + String.join(", ", Services.EVERY.names)
                + ") and a mesh neighbour");
        prepareClassData();
        StartStop oursLifecycle = medianStartStopMillis(Server.NODE);
        StartStop bareLifecycle = medianStartStopMillis(Server.BARE);
        StartStop withoutClassData = medianStartStopMillis(Server.NODE_WITHOUT_CLASS_DATA);
        bench("start-to-first-coap-answer", oursLifecycle.startMillis, bareLifecycle.startMillis, "ms", "<=1500ms (ours)");
        bench("sigterm-to-exit", oursLifecycle.stopMillis, bareLifecycle.stopMillis, "ms", "<=3000ms (ours)");
        bench("start-with-class-data-archive", oursLifecycle.startMillis, withoutClassData.startMillis, "ms",
                "none (reference: the node without its class-data archive)");

        System.out.printf(Locale.ROOT, "load: %d clients, each up to %d GET/s round-robin over /node /health /metrics,"
                + " %d s per server, one server at a time; with every service, the fleet page polled too%n",
                LOAD_CLIENTS, LOAD_RATE_PER_CLIENT, LOAD_SECONDS);
        System.out.println("memory and CPU: the node with every service the sim board enables ("
                + String.join(", ", Services.BOARD.names) + ") and a mesh neighbour");
        idleAndLoad(Services.BOARD, "", "<=64MB with -Xmx32m");
        System.out.println("memory and CPU: the node with every service, MQTT (to a mosquitto), the beacon and"
                + " the fleet page too");
        idleAndLoad(Services.EVERY, "-every-service", "none (informative: MQTT, the beacon and the fleet page are"
                + " turned on by the operator's config, not by the board)");
    }

    /** Idle CPU, idle RSS and RSS under the monitoring load of the node running {@code services}, beside the bare server. */
    private void idleAndLoad(Services services, String suffix, String rssBudget) throws Exception {
        int oursPort = node.port();
        int barePort = freePort();
        Process ours = node.startNode(services, "idle" + suffix, Optional.of(classData()));
        Process bare = startBare(barePort);
        try {
            awaitAnswer(oursPort);
            awaitAnswer(barePort);
            node.require(services, oursPort);
            long started = System.nanoTime();
            idleCpu("idle-cpu-first-minute" + suffix, ours, bare, "none (informative: includes C1 warming up)");
            Thread.sleep(Math.max(0, STEADY_AFTER_SECONDS * 1000L - (System.nanoTime() - started) / 1_000_000));
            idleCpu("idle-cpu-" + IDLE_SECONDS + "s" + suffix, ours, bare, suffix.isEmpty()
                    ? "<=1% of one core (from " + STEADY_AFTER_SECONDS + " s after start)" : "none (informative)");
            bench("rss-idle" + suffix, rssMegabytes(ours), rssMegabytes(bare), "MB", rssBudget);
            LoadResult oursLoad = load(ours, oursPort,
                    services == Services.EVERY ? Optional.of(node.pagePort()) : Optional.empty());
            LoadResult bareLoad = load(bare, barePort, Optional.empty());
            System.out.printf(Locale.ROOT, "load answered: ours %.0f GET/s, reference %.0f GET/s%n",
                    oursLoad.requestsPerSecond, bareLoad.requestsPerSecond);
            bench("rss-under-monitoring-load" + suffix, oursLoad.peakRssMegabytes, bareLoad.peakRssMegabytes, "MB",
                    rssBudget);
        } finally {
            stop(ours);
            stop(bare);
        }
    }

    /** Prints the CPU both processes used over the next {@link #IDLE_SECONDS}, as % of one core. */
    private void idleCpu(String figure, Process ours, Process bare, String budget) throws Exception {
        long oursTicks = kit.cpuTicks(ours);
        long bareTicks = kit.cpuTicks(bare);
        Thread.sleep(IDLE_SECONDS * 1000L);
        double oursCpu = kit.percentOfOneCore(kit.cpuTicks(ours) - oursTicks, IDLE_SECONDS);
        double bareCpu = kit.percentOfOneCore(kit.cpuTicks(bare) - bareTicks, IDLE_SECONDS);
        bench(figure, oursCpu, bareCpu, "%", budget);
    }

    private record StartStop(double startMillis, double stopMillis) {
    }

    /** What a start round starts. */
    private enum Server {
        NODE, BARE, NODE_WITHOUT_CLASS_DATA
    }

    private Path classData() {
        return kit.scratch().resolve("cds");
    }

    /**
     * Has the launcher make the node's class-data archive, as on a device: a first run records
     * the classes it loads (here under a moment of monitoring), the next start writes the archive.
     */
    private void prepareClassData() throws Exception {
        for (String round : new String[] {"record", "archive"}) {
            int port = node.port();
            long start = System.nanoTime();
            Process process = node.startNode(Services.EVERY, "cds-" + round, Optional.of(classData()));
            try {
                awaitAnswer(port);
                System.out.printf(Locale.ROOT, "class data, %s start: %.0f ms%n", round, (System.nanoTime() - start) / 1e6);
                try (CoapProbe probe = new CoapProbe(new InetSocketAddress("127.0.0.1", port), 1000)) {
                    for (int i = 0; i < 30; i++) {
                        probe.get(MONITORED[i % MONITORED.length]);
                    }
                }
            } finally {
                stop(process);
            }
        }
        try (Stream<Path> files = Files.list(classData())) {
            Path archive = files.filter(f -> f.toString().endsWith(".jsa")).findFirst().orElseThrow(
                    () -> new IllegalStateException("the launcher wrote no class-data archive: see " + classData()));
            System.out.printf(Locale.ROOT, "class-data archive: %s, %.1f MB%n", archive.getFileName(),
                    Files.size(archive) / 1e6);
        }
    }

    /** Medians of start (spawn to first answer) and stop (SIGTERM to exit) over a few rounds. */
    private StartStop medianStartStopMillis(Server server) throws Exception {
        double[] starts = new double[START_ROUNDS];
        double[] stops = new double[START_ROUNDS];
        for (int i = 0; i < START_ROUNDS; i++) {
            int port = server == Server.BARE ? freePort() : node.port();
            long start = System.nanoTime();
            String data = "start-" + server + "-" + i;
            Process process = switch (server) {
                case NODE -> node.startNode(Services.EVERY, data, Optional.of(classData()));
                case NODE_WITHOUT_CLASS_DATA -> node.startNode(Services.EVERY, data, Optional.empty());
                case BARE -> startBare(port);
            };
            try {
                awaitAnswer(port);
                starts[i] = (System.nanoTime() - start) / 1e6;
            } finally {
                long stop = System.nanoTime();
                stop(process);
                stops[i] = (System.nanoTime() - stop) / 1e6;
            }
        }
        Arrays.sort(starts);
        Arrays.sort(stops);
        System.out.printf(Locale.ROOT, "start samples (%s): %s%n", server, Arrays.toString(starts));
        System.out.printf(Locale.ROOT, "stop samples (%s): %s%n", server, Arrays.toString(stops));
        return new StartStop(starts[START_ROUNDS / 2], stops[START_ROUNDS / 2]);
    }

    private Process startBare(int port) throws IOException {
        List<String> command = kit.java();
        command.addAll(List.of("-cp", classpath, BareCoapServer.class.getName(), String.valueOf(port)));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(kit.scratch().resolve("bare-" + port + ".log").toFile()).start();
    }

    private record LoadResult(double requestsPerSecond, double peakRssMegabytes) {
    }

    /** The monitoring load on {@code port}, and the fleet page's poll of {@code pagePort} if given. */
    private LoadResult load(Process server, int port, Optional<Integer> pagePort) throws Exception {
        AtomicLong answered = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(LOAD_SECONDS);
        List<Thread> clients = new ArrayList<>();
        pagePort.ifPresent(page -> {
            Thread poller = new Thread(() -> pollPage(page, end), "page");
            poller.start();
            clients.add(poller);
        });
        for (int c = 0; c < LOAD_CLIENTS; c++) {
            Thread client = new Thread(() -> {
                long intervalNanos = 1_000_000_000L / LOAD_RATE_PER_CLIENT;
                try (CoapProbe probe = new CoapProbe(new InetSocketAddress("127.0.0.1", port), 1000)) {
                    long next = System.nanoTime();
                    for (int i = 0; System.nanoTime() < end; i++) {
                        if (probe.get(MONITORED[i % MONITORED.length])) {
                            answered.incrementAndGet();
                        }
                        next += intervalNanos;
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException("load client failed: " + e, e);
                }
            }, "load-" + c);
            client.start();
            clients.add(client);
        }
        double peak = 0;
        while (System.nanoTime() < end) {
            peak = Math.max(peak, rssMegabytes(server));
            Thread.sleep(250);
        }
        for (Thread client : clients) {
            client.join();
        }
        peak = Math.max(peak, rssMegabytes(server));
        return new LoadResult(answered.get() / (double) LOAD_SECONDS, peak);
    }

    /** As the fleet page does in a browser: GET fleet.json every 2 s. */
    private static void pollPage(int port, long end) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fleet.json")).build();
        try {
            while (System.nanoTime() < end) {
                int status = http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
                if (status != 200) {
                    throw new IllegalStateException("the fleet page answered " + status);
                }
                Thread.sleep(2_000);
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("fleet page poll failed: " + e, e);
        }
    }

    private static double rssMegabytes(Process process) throws IOException {
        return Rss.megabytes(process.pid());
    }
}
