package io.smartshare.node.testing;

import static io.smartshare.node.testing.JsonDocument.list;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smartshare.contracts.schedule.RewardSchedule;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeIdentity;
import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * Real node processes on loopback in a line n0 - n1 - ... - n(k-1), the last one the gateway,
 * joined by unicast {@code --mesh-peers} on fixed ports (so a node restarts where its
 * neighbours expect it), each with the same operator config: PSK identities {@code auditor}
 * (key {@value #AUDITOR_KEY}, read-only) and {@code operator} (may write: channel commands)
 * for coaps, receipts every second, and metering samples every second (so every ledger has
 * records, and a checkpoint when the node stops).
 */
public final class NodeLine implements AutoCloseable {
    public static final String CLIENT = "coap-client-notls";
    public static final String DTLS_CLIENT = "coap-client-openssl";
    public static final String AUDITOR_KEY = "auditor-secret-1";
    public static final String OPERATOR = "operator";
    public static final String OPERATOR_KEY = "operator-secret-1";

    private final Path dir;
    private final int[] ports;
    private final NodeProcess[] nodes;
    private final String[] ids;

    private final String rewardsYaml;

    private PeerPorts peerPorts;
    private IntFunction<Optional<Class<?>>> mains = i -> Optional.empty();
    /** Every node a neighbour of every other (a full mesh), instead of a line. */
    private boolean full;

    private NodeLine(Path dir, int size, String rewardsYaml) {
        this.dir = dir;
        this.rewardsYaml = rewardsYaml;
        this.ports = new int[size];
        this.nodes = new NodeProcess[size];
        this.ids = new String[size];
    }

    /**
     * Starts {@code size} nodes in {@code dir} and waits until every one has a route to the
     * gateway; {@code rewardsYaml} are further lines of the config's {@code rewards:} section.
     */
    public static NodeLine start(Path dir, int size, String rewardsYaml) throws Exception {
        return start(dir, size, rewardsYaml, (node, neighbour, ports) -> ports[neighbour]);
    }

    /** Where a node sends to a neighbour: its port, or a port in between that a test tampers with. */
    @FunctionalInterface
    public interface PeerPorts {
        /** The port node {@code node} knows {@code neighbour} at, given every node's own port. */
        int port(int node, int neighbour, int[] ports) throws IOException;
    }

    /** As {@link #start(Path, int, String)}, each node knowing its neighbours at {@code peerPorts}. */
    public static NodeLine start(Path dir, int size, String rewardsYaml, PeerPorts peerPorts) throws Exception {
        return start(dir, size, rewardsYaml, peerPorts, i -> Optional.empty());
    }

    /**
     * As {@link #start(Path, int, String, PeerPorts)}, node {@code i} run by the main class
     * {@code mains.apply(i)} (a test double, {@link NodeProcess#launch(Optional, List)})
     * where one is given.
     */
    public static NodeLine start(Path dir, int size, String rewardsYaml, PeerPorts peerPorts,
            IntFunction<Optional<Class<?>>> mains) throws Exception {
        return start(new NodeLine(dir, size, rewardsYaml), peerPorts, mains);
    }

    /**
     * As {@link #start(Path, int, String, PeerPorts, IntFunction)}, but every node is a mesh
     * neighbour of every other: a node that dies leaves the others connected.
     */
    public static NodeLine startFullMesh(Path dir, int size, String rewardsYaml, IntFunction<Optional<Class<?>>> mains)
            throws Exception {
        NodeLine mesh = new NodeLine(dir, size, rewardsYaml);
        mesh.full = true;
        return start(mesh, (node, neighbour, ports) -> ports[neighbour], mains);
    }

    private static NodeLine start(NodeLine line, PeerPorts peerPorts, IntFunction<Optional<Class<?>>> mains)
            throws Exception {
        int size = line.ports.length;
        line.mains = mains;
        for (int i = 0; i < size; i++) {
            try (DatagramSocket socket = new DatagramSocket(0)) {
                line.ports[i] = socket.getLocalPort();
            }
        }
        line.peerPorts = peerPorts;
        try {
            for (int i = size - 1; i >= 0; i--) {
                line.startNode(i);
            }
            for (int i = 0; i < size; i++) {
                line.ids[i] = (String) line.get(i, "/node").get("id");
            }
            line.awaitAttached();
        } catch (Exception | AssertionError e) {
            line.close();
            throw e;
        }
        return line;
    }

    /**
     * Starts {@code size} nodes whose operator config trusts a fresh issuer key and names
     * {@code schedule}, signed by that key and written to {@code dir/schedule.cose}.
     */
    public static NodeLine startWithSchedule(Path dir, int size, RewardSchedule schedule) throws Exception {
        return startWithSchedule(dir, size, schedule, "");
    }

    /** As {@link #startWithSchedule(Path, int, RewardSchedule)}, with {@code rewardsYaml} further lines of {@code rewards:}. */
    public static NodeLine startWithSchedule(Path dir, int size, RewardSchedule schedule, String rewardsYaml)
            throws Exception {
        NodeIdentity issuer = NodeIdentity.generate(new SecureRandom());
        Path file = Files.write(dir.resolve("schedule.cose"), schedule.sign(issuer));
        return start(dir, size, "  trusted-issuers: [" + HexFormat.of().formatHex(issuer.publicKey().encoded())
                + "]\n  schedule: " + file + "\n" + rewardsYaml);
    }

    /**
     * POSTs {@code body} from node {@code from} through the mesh to node {@code to}'s
     * {@code /mesh/echo} and checks the echo. It enters node {@code from} over coaps as the
     * operator, an identity that may write: only such a client may make a node pay for relayed
     * traffic (a plain coap:// client is refused 4.01). Right after a restart a hop may still answer
     * 5.02 (no route) for a moment although the parents are set, or 5.04 when the restarted next
     * hop does not answer yet (seen under CPU load in the crash loop); such an answer is metered
     * by no hop, so it is retried (and printed), for at most 30 s.
     */
    public void relay(int from, int to, Path body) throws Exception {
        CoapClientTool.Result result = null;
        for (int attempt = 0; attempt < 30; attempt++) {
            result = CoapClientTool.run(DTLS_CLIENT, 60, "-B", "50", "-u", OPERATOR, "-k", OPERATOR_KEY, "-m", "post",
                    "-f", body.toString(), nodes[from].coapsUri("/mesh/relay/" + ids[to] + "/mesh/echo"));
            String answer = result.stderr() + result.text();
            if (!answer.contains("5.02") && !answer.contains("5.04")) {
                break;
            }
            System.out.println("relay: retrying after " + answer.strip());
            Thread.sleep(1_000);
        }
        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(Files.size(body) + 1, result.stdout().length, result.stderr()); // coap-client ends with a newline
    }

    /** Stops node {@code i} with SIGTERM and starts it again on the same port and data dir. */
    public void restart(int i) throws Exception {
        assertEquals(Optional.of(0), nodes[i].terminate(30));
        startNode(i);
    }

    /** Kills node {@code i} with SIGKILL (no clean stop at all) and starts it again on the same port and data dir. */
    public void crashAndRestart(int i) throws Exception {
        nodes[i].process().destroyForcibly().waitFor();
        startNode(i);
    }

    /** Stops every node with SIGTERM (each signs a final checkpoint). */
    public void stopAll() throws InterruptedException {
        for (NodeProcess node : nodes) {
            assertEquals(Optional.of(0), node.terminate(30));
        }
    }

    private void startNode(int i) throws Exception {
        Path home = Files.createDirectories(dir.resolve("n" + i));
        Path config = configFile(i);
        Files.writeString(config, """
                security:
                  psk:
                    - identity: auditor
                      key: %s
                    - identity: %s
                      key: %s
                      may-write-config: true
                settings:
                  metering-interval-seconds: 1
                rewards:
                  receipt-interval-seconds: 1
                """.formatted(AUDITOR_KEY, OPERATOR, OPERATOR_KEY) + rewardsYaml);
        List<String> peers = new ArrayList<>();
        for (int other = 0; other < ports.length; other++) {
            if (other != i && (full || Math.abs(other - i) == 1)) {
                peers.add("127.0.0.1:" + peerPorts.port(i, other, ports));
            }
        }
        List<String> args = new ArrayList<>(List.of("--config", config.toString(), "--mesh-peers", String.join(",", peers)));
        if (i == ports.length - 1) {
            args.addAll(List.of("--uplink", "1000"));
        }
        nodes[i] = NodeProcess.start(mains.apply(i), "sim", dataDir(i), ports[i], true, args.toArray(String[]::new));
    }

    /** Waits until every node but the gateway has its upstream neighbour as parent, and sees its neighbours alive. */
    public void awaitAttached() throws Exception {
        for (int i = 0; i < ids.length; i++) {
            List<String> expected = new ArrayList<>();
            if (i > 0) {
                expected.add(ids[i - 1]);
            }
            if (full) {
                for (int other = 0; other < ids.length; other++) {
                    if (other != i) {
                        expected.add(ids[other]);
                    }
                }
                if (i + 1 < ids.length) {
                    await(i, "/mesh/routes", doc -> doc.get("parent") != null);
                }
            } else if (i + 1 < ids.length) {
                String parent = ids[i + 1];
                await(i, "/mesh/routes", doc -> parent.equals(doc.get("parent")));
                expected.add(parent);
            }
            await(i, "/mesh/neighbors", doc -> list(doc, "neighbors").stream().map(n -> (Map<String, Object>) n)
                    .filter(n -> Boolean.TRUE.equals(n.get("alive"))).map(n -> n.get("id")).toList()
                    .containsAll(expected));
        }
    }

    public NodeProcess node(int i) {
        return nodes[i];
    }

    public String id(int i) {
        return ids[i];
    }

    /** The operator config node {@code i} runs with. */
    public Path configFile(int i) {
        return dir.resolve("n" + i).resolve("node.yaml");
    }

    public Path dataDir(int i) {
        return dir.resolve("n" + i).resolve("data");
    }

    public Ed25519PublicKey key(int i) throws Exception {
        return Ed25519PublicKey.of(HexFormat.of().parseHex((String) get(i, "/node").get("public-key")));
    }

    /** GET {@code path} of node {@code i} as JSON. */
    public Map<String, Object> get(int i, String path) throws Exception {
        return nodes[i].get(path);
    }

    /** POSTs {@code file} as CBOR to node {@code i}'s {@code /receipts} over coaps as the operator. */
    public CoapClientTool.Result postSecurely(int i, Path file) throws Exception {
        return postSecurely(i, "/receipts", file);
    }

    /**
     * POSTs {@code file} as CBOR to node {@code i}'s {@code path} over coaps as the operator, an
     * identity that may write (documents go into the ledger).
     */
    public CoapClientTool.Result postSecurely(int i, String path, Path file) throws Exception {
        return postAs(OPERATOR, OPERATOR_KEY, i, path, file);
    }

    /** POSTs {@code file} as CBOR to node {@code i}'s {@code path} over coaps as the read-only auditor. */
    public CoapClientTool.Result postAsAuditor(int i, String path, Path file) throws Exception {
        return postAs("auditor", AUDITOR_KEY, i, path, file);
    }

    private CoapClientTool.Result postAs(String identity, String key, int i, String path, Path file) throws Exception {
        return CoapClientTool.run(DTLS_CLIENT, 30, "-B", "10", "-u", identity, "-k", key, "-m", "post", "-t",
                "60", "-f", file.toString(), nodes[i].coapsUri(path));
    }

    /** Polls {@code path} of node {@code i} until {@code done} ({@link NodeProcess#await}). */
    public Map<String, Object> await(int i, String path, Predicate<Map<String, Object>> done) throws Exception {
        return nodes[i].await(path, done);
    }

    @Override
    public void close() throws InterruptedException {
        for (NodeProcess node : nodes) {
            if (node != null) {
                node.close();
            }
        }
    }
}
