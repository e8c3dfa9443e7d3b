package io.smartshare.node.cli;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.daemon.ShutdownSignal;
import io.smartshare.node.mesh.sim.LoopbackMesh;
import io.smartshare.node.mesh.sim.Topology;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code smartshare-node sim}: N mesh nodes in this process, each with its own CoAP server on
 * a loopback port, wired as a line, a grid or a random disk graph, printing every neighbour
 * and route change and a summary every few seconds, until SIGINT/SIGTERM or {@code --seconds}.
 */
final class SimCommand {
    /** Neighbours per node on average in a random topology: dense enough that small ones are mostly connected. */
    private static final double RANDOM_MEAN_DEGREE = 8.0;
    /** Node indexes and seconds are bounded here, so that parsing them cannot overflow. */
    private static final Pattern KILL = Pattern.compile("n(\\d{1,3})@(\\d{1,6})");
    private static final Pattern CUT = Pattern.compile("n(\\d{1,3})-n(\\d{1,3})@(\\d{1,6})");

    static final String HELP = """
            usage: smartshare-node sim [options]

              --nodes N            how many nodes (2 to 100; default 9)
              --topology T         line, grid or random (default grid; grid needs a square N:
                                   4, 9, 16, 25 ...); node n0 of a line, the centre of a grid and
                                   the most central node of a random graph is the gateway
              --seconds S          stop after S seconds (default: run until Ctrl-C)
              --seed X             seed of the random topology (default 1)
              --summary-seconds S  how often to print the summary line (default 5)
              --kill LIST          kill nodes while it runs: NODE@SECONDS, comma-separated,
                                   e.g. n4@10,n7@30; their neighbours detect it and the mesh
                                   reroutes around them: both are timed and printed
              --cut LIST           cut links while it runs: A-B@SECONDS, comma-separated, e.g.
                                   n1-n4@10 (the two nodes must be topology neighbours); timed
                                   and printed as kills are
              --log FILE           the nodes' own log lines go to FILE (default: only their
                                   warnings and errors, on stderr, so the view stays readable)

            While it runs, type a key and Enter: k kills a random node (not a gateway), r
            revives the node killed last (same identity and port: it rejoins), q quits.

            Each node runs the real mesh over CoAP/UDP on 127.0.0.1 (its neighbours are the
            topology's, reached by unicast; no multicast leaves the machine). Query any node
            with coap-client, e.g. coap://127.0.0.1:PORT/mesh/routes; the ports are printed.
            The summary's control traffic counts CoAP bytes sent; here every broadcast goes to
            each neighbour by unicast, so it grows with the number of neighbours.
            """;

    private SimCommand() {
    }

    static int run(String[] args, PrintStream out) {
        Args parsed = Args.parse("sim", args, Set.of("nodes", "topology", "seconds", "seed", "summary-seconds",
                "kill", "cut", "log"), Set.of("help"));
        if (parsed.flag("help")) {
            out.print(HELP);
            return Main.OK;
        }
        parsed.operands(0);
        int n = parsed.intOption("nodes", 2, 100).orElse(9);
        String kind = parsed.option("topology").orElse("grid");
        Optional<Integer> seconds = parsed.intOption("seconds", 1, 86_400);
        int seed = parsed.intOption("seed", 0, Integer.MAX_VALUE).orElse(1);
        int summarySeconds = parsed.intOption("summary-seconds", 1, 3600).orElse(5);
        Topology topology = topology(kind, n, seed);
        List<Kill> kills = parsed.option("kill").map(list -> kills(list, n)).orElse(List.of());
        List<Cut> cuts = parsed.option("cut").map(list -> cuts(list, topology)).orElse(List.of());
        // Before any logger exists: SimpleLogger reads its settings once (system properties first).
        parsed.option("log").ifPresentOrElse(file -> System.setProperty("org.slf4j.simpleLogger.logFile", file),
                () -> System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));

        SecureRandom random = new SecureRandom();
        List<NodeIdentity> identities = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            identities.add(NodeIdentity.generate(random));
        }
        List<NodeId> ids = identities.stream().map(NodeIdentity::nodeId).toList();
        SimConsole console = new SimConsole(out, ids);
        ShutdownSignal signal = ShutdownSignal.install();
        console.starting(topology);
        ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();
        try (LoopbackMesh mesh = LoopbackMesh.start(topology, identities, console::change)) {
            console.ports(topology, mesh);
            SimKeys keys = new SimKeys(mesh, topology, console, signal);
            for (Kill kill : kills) {
                killer.schedule(() -> {
                    console.killed(kill.node, "--kill n" + kill.node + "@" + kill.seconds);
                    mesh.kill(kill.node);
                    keys.killed(kill.node);
                }, kill.seconds, TimeUnit.SECONDS);
            }
            for (Cut cut : cuts) {
                killer.schedule(() -> {
                    console.cut(cut.a, cut.b, "--cut n" + cut.a + "-n" + cut.b + "@" + cut.seconds);
                    mesh.cut(cut.a, cut.b);
                }, cut.seconds, TimeUnit.SECONDS);
            }
            console.note(SimKeys.HELP);
            keys.start(System.in);
            long end = seconds.map(s -> System.nanoTime() + TimeUnit.SECONDS.toNanos(s)).orElse(Long.MAX_VALUE);
            while (!signal.await(Math.min(TimeUnit.SECONDS.toNanos(summarySeconds), end - System.nanoTime()),
                    TimeUnit.NANOSECONDS) && System.nanoTime() < end) {
                console.summary(mesh);
            }
            console.summary(mesh);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            killer.shutdownNow();
        }
        return Main.OK;
    }

    /** Kill node {@code node} (topology index) {@code seconds} after start. */
    private record Kill(int node, int seconds) {
    }

    /** Cut the link between nodes {@code a} and {@code b} {@code seconds} after start. */
    private record Cut(int a, int b, int seconds) {
    }

    private static List<Cut> cuts(String list, Topology topology) {
        List<Cut> cuts = new ArrayList<>();
        for (String item : list.split(",")) {
            Matcher m = CUT.matcher(item.trim());
            int a = m.matches() ? Integer.parseInt(m.group(1)) : -1;
            int b = a >= 0 ? Integer.parseInt(m.group(2)) : -1;
            if (!topology.areNeighbours(a, b)) {
                throw new UsageException("option --cut: expected A-B@SECONDS with A and B neighbours in the topology,"
                        + " e.g. n1-n4@10; found '" + item.trim() + "'");
            }
            cuts.add(new Cut(a, b, Integer.parseInt(m.group(3))));
        }
        return cuts;
    }

    private static List<Kill> kills(String list, int n) {
        List<Kill> kills = new ArrayList<>();
        for (String item : list.split(",")) {
            Matcher m = KILL.matcher(item.trim());
            if (!m.matches() || Integer.parseInt(m.group(1)) >= n) {
                throw new UsageException("option --kill: expected NODE@SECONDS with NODE n0 to n" + (n - 1)
                        + ", e.g. n3@10; found '" + item.trim() + "'");
            }
            kills.add(new Kill(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
        }
        return kills;
    }

    private static Topology topology(String kind, int n, int seed) {
        return switch (kind) {
            case "line" -> Topology.line(n);
            case "grid" -> {
                int side = (int) Math.round(Math.sqrt(n));
                if (side * side != n) {
                    throw new UsageException("option --topology grid: needs a square number of nodes (4, 9, 16, 25 ...), found "
                            + n);
                }
                yield Topology.grid(side, 1);
            }
            case "random" -> Topology.randomDisk(n, RANDOM_MEAN_DEGREE, 1, seed);
            default -> throw new UsageException("option --topology: expected line, grid or random, found '" + kind + "'");
        };
    }
}
