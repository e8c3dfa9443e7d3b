package io.smartshare.node.bench;

import static io.smartshare.node.bench.BenchKit.awaitAnswer;
import static io.smartshare.node.bench.BenchKit.freePort;
import static io.smartshare.node.bench.BenchKit.stop;

import io.smartshare.contracts.beacon.ShardMembership;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.schedule.RateTerms;
import io.smartshare.contracts.schedule.RewardSchedule;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.testing.Mosquitto;
import io.smartshare.node.testing.SeededIdentities;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node of scripts/bench-footprint and its mesh neighbour, another node process that it
 * peers with, in two configurations ({@link Services}): every service the sim board enables
 * (ledger, metering, sensors, mesh, uplink, rewards, storage, compute, fleet), and those plus
 * the ones an operator turns on in the config: MQTT telemetry from every node to a real
 * mosquitto, a shard beacon membership with the neighbour (a signed reward schedule and a
 * trusted issuer, as rewards needs for it), and the fleet page served on a TCP port. The
 * neighbour runs the same services as the measured node (it is restarted when they change),
 * but no fleet page. Both nodes keep their identity across starts (seeded key files), so the
 * membership names them.
 */
final class AllServices implements AutoCloseable {
    /** What the measured node runs; the bench refuses to measure fewer. */
    enum Services {
        /** Every service the sim board enables, with no operator config. */
        BOARD(List.of("ledger", "metering", "sensors", "mesh", "uplink", "rewards", "storage", "compute", "fleet")),
        /** Those, and MQTT, the beacon and the fleet page, which the operator's config turns on. */
        EVERY(List.of("ledger", "metering", "sensors", "mesh", "uplink", "rewards", "storage", "compute", "mqtt",
                "beacon", "fleet"));

        final List<String> names;

        Services(List<String> names) {
            this.names = names;
        }
    }

    private static final int OURS_SEED = 0x51;
    private static final int NEIGHBOUR_SEED = 0x52;

    private final BenchKit kit;
    private final Mosquitto broker;
    private final Path boardConfig;
    private final Path config;
    private final Path neighbourConfig;
    private final int pagePort;
    private final int port;
    private final int neighbourPort;
    private Process neighbour;
    private Services neighbourRuns;

    private AllServices(BenchKit kit, Mosquitto broker, Path boardConfig, Path config, Path neighbourConfig,
            int pagePort, int port, int neighbourPort) {
        this.kit = kit;
        this.broker = broker;
        this.boardConfig = boardConfig;
        this.config = config;
        this.neighbourConfig = neighbourConfig;
        this.pagePort = pagePort;
        this.port = port;
        this.neighbourPort = neighbourPort;
    }

    /** Writes the configs, starts mosquitto and the neighbour. */
    static AllServices start(BenchKit kit) throws Exception {
        Path home = Files.createDirectories(kit.scratch().resolve("all-services"));
        NodeIdentity issuer = NodeIdentity.generate(new java.security.SecureRandom());
        RateTerms relay = new RateTerms(2000, 1_000_000, 300_000);
        Path schedule = Files.write(home.resolve("schedule.cose"), new RewardSchedule(1, 0, 500_000,
                Map.of(Resource.RELAY_UP, relay, Resource.RELAY_DOWN, relay)).sign(issuer));
        Path membership = Files.write(home.resolve("shard.cose"), new ShardMembership("footprint", 1, List.of(
                SeededIdentities.identity(OURS_SEED).publicKey(), SeededIdentities.identity(NEIGHBOUR_SEED).publicKey()),
                2, 60, 8).sign(issuer));
        Mosquitto broker = Mosquitto.on(home.resolve("broker"), Mosquitto.freePort()).start();
        String common = """
                rewards:
                  trusted-issuers: [%s]
                  schedule: %s
                beacon:
                  membership: %s
                mqtt:
                  host: 127.0.0.1
                  port: %d
                  publish-from: every-node
                """.formatted(HexFormat.of().formatHex(issuer.publicKey().encoded()), schedule, membership,
                broker.port());
        int pagePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            pagePort = socket.getLocalPort();
        }
        Path config = Files.writeString(home.resolve("node.yaml"), common + "fleet:\n  page-port: " + pagePort + "\n");
        Path neighbourConfig = Files.writeString(home.resolve("neighbour.yaml"), common);
        // A config must hold a key: the default metering interval, as a node nobody configured has.
        Path boardConfig = Files.writeString(home.resolve("board.yaml"), "settings:\n  metering-interval-seconds: 60\n");
        int neighbourPort = freePort();
        SeededIdentities.writeKeyFile(kit.scratch().resolve("neighbour").resolve("node.key"), NEIGHBOUR_SEED);
        return new AllServices(kit, broker, boardConfig, config, neighbourConfig, pagePort, freePort(), neighbourPort);
    }

    /**
     * Starts the measured node running {@code services}, with data dir {@code scratch/name},
     * peering with the neighbour, on {@link #port()}: the neighbour's peer; one measured node
     * runs at a time.
     */
    Process startNode(Services services, String name, Optional<Path> classData) throws IOException {
        neighbourRunning(services);
        Path key = kit.scratch().resolve(name).resolve("node.key");
        if (!Files.exists(key)) {
            SeededIdentities.writeKeyFile(key, OURS_SEED);
        }
        return kit.startMeshNode(port, 0, neighbourPort, services == Services.EVERY ? config : boardConfig, name,
                classData);
    }

    /** (Re)starts the neighbour so that it runs {@code services} too (with no fleet page). */
    private void neighbourRunning(Services services) throws IOException {
        if (services == neighbourRuns) {
            return;
        }
        try {
            if (neighbour != null) {
                stop(neighbour);
            }
            neighbour = kit.startMeshNode(neighbourPort, 0, port, services == Services.EVERY ? neighbourConfig
                    : boardConfig, "neighbour");
            awaitAnswer(neighbourPort);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the neighbour", e);
        }
        neighbourRuns = services;
    }

    /** Fails unless the node on {@code port} (answering) logs, within 30 s, that it runs every one of {@code services}. */
    void require(Services services, int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        Optional<String> line = Optional.empty();
        while (line.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            line = Files.readAllLines(kit.nodeLog(port)).stream().filter(l -> l.contains("Node - event=started")).findFirst();
        }
        String started = line.orElseThrow(() -> new IllegalStateException("no start line in " + kit.nodeLog(port)));
        String running = started.substring(started.indexOf("services=[") + 10, started.lastIndexOf(']'));
        if (!List.of(running.split(", ")).containsAll(services.names)) {
            throw new IllegalStateException("the node runs " + running + ", not every service of " + services.names
                    + ": see " + kit.nodeLog(port));
        }
    }

    int port() {
        return port;
    }

    int pagePort() {
        return pagePort;
    }

    @Override
    public void close() throws Exception {
        if (neighbour != null) {
            stop(neighbour);
        }
        broker.close();
    }
}
