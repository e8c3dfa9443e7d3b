package io.smartshare.node.rewards;

import static io.smartshare.node.testing.JsonDocument.list;
import static io.smartshare.node.testing.JsonDocument.number;
import static io.smartshare.node.testing.JsonDocument.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.CheckpointRef;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.receipt.ReceiptClaim;
import io.smartshare.contracts.receipt.SignedReceipt;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.KeyFile;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.testing.CoapClientTool;
import io.smartshare.node.testing.NodeProcess;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real nodes on loopback, a line A - B - C (C the gateway), joined by unicast
 * {@code --mesh-peers}: requests A sends to C through the mesh are relayed by B; A signs
 * receipts for B and sends them to it, B checks them against its own meter and appends them
 * to its ledger. A claim beyond B's meter is refused with the reason and changes nothing;
 * B's book and meter survive its restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RewardsRelayIT {
    private static final String CLIENT = "coap-client-notls";
    private static final String DTLS_CLIENT = "coap-client-openssl";
    private static final int BODY_BYTES = 8_000; // SmallDeviceCoapConfig caps bodies at 8 KiB
    private static final int BODIES = 10; // 80 000 bytes: more than the tolerance floor (65 536)
    private static final long WAIT_MILLIS = 90_000;

    @TempDir
    static Path dir;
    static final int[] PORTS = new int[3];
    static final NodeProcess[] NODES = new NodeProcess[3];
    static final String[] IDS = new String[3];

    @BeforeAll
    static void startLine() throws Exception {
        for (int i = 0; i < 3; i++) {
            try (DatagramSocket socket = new DatagramSocket(0)) {
                PORTS[i] = socket.getLocalPort();
            }
        }
        Files.write(dir.resolve("body"), new byte[BODY_BYTES]);
        NODES[2] = start(2, "--uplink", "1000");
        NODES[1] = start(1);
        NODES[0] = start(0);
        for (int i = 0; i < 3; i++) {
            IDS[i] = (String) get(i, "/node").get("id");
        }
        awaitLine();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        for (NodeProcess node : NODES) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    @Order(1)
    void relayedTrafficYieldsReceiptsInTheRelaysLedger() throws Exception {
        for (int i = 0; i < BODIES; i++) {
            relayFromAToC();
        }
        long total = (long) BODIES * BODY_BYTES;
        Map<String, Object> rewards = await(1, "/rewards", doc -> accepted(doc, "relay.up").orElse(0L) >= total
                && accepted(doc, "relay.down").orElse(0L) >= total);
        assertEquals(2, list(rewards, "accepted").size(), rewards.toString());

        NodeProcess.Result ledger = NodeProcess.runToEnd(List.of("ledger", "show", "--data-dir",
                dataDir(1).toString(), "--last", "1000"));
        assertEquals(0, ledger.exitCode(), ledger.stderr());
        String signer = "receipt   signed by " + HexFormat.of().formatHex(keyOf(0).encoded());
        assertTrue(ledger.stdout().split(signer, -1).length - 1 >= 2, ledger.stdout());

        List<Map<String, Object>> issued = list(get(0, "/rewards"), "issued");
        assertTrue(issued.stream().allMatch(r -> IDS[1].equals(r.get("provider"))), issued.toString());
        assertTrue(list(get(0, "/rewards"), "accepted").isEmpty(), "A relayed nothing for anyone");
        assertTrue(list(get(2, "/rewards"), "accepted").isEmpty(), "C was the target, it relayed nothing");
    }

    @Test
    @Order(2)
    void claimBeyondTheProvidersMeterIsRefusedAndChangesNothing() throws Exception {
        Map<String, Object> before = get(1, "/rewards");
        long accepted = accepted(before, "relay.up").orElseThrow();
        long lastEnd = list(get(0, "/rewards"), "issued").stream().map(r -> (Map<String, Object>) r)
                .mapToLong(r -> number(r, "end-ms")).max().orElseThrow();
        NodeIdentity a = KeyFile.load(dataDir(0).resolve("node.key"));
        SignedReceipt inflated = SignedReceipt.sign(new ReceiptClaim(keyOf(1), a.publicKey(), Resource.RELAY_UP,
                accepted + 10_000_000, lastEnd, lastEnd + 1_000, new byte[16], CheckpointRef.of(0, new byte[32])), a);
        Path file = Files.write(dir.resolve("inflated.cbor"), inflated.encode());

        CoapClientTool.Result secure = CoapClientTool.run(DTLS_CLIENT, 30, "-B", "10", "-u", "auditor", "-k",
                "auditor-secret-1", "-m", "post", "-t", "60", "-f", file.toString(), NODES[1].coapsUri("/receipts"));
        assertTrue(secure.stderr().contains("4.03") && secure.stderr().contains("BEYOND_TOLERANCE"), secure.stderr());

        CoapClientTool.Result plain = CoapClientTool.run(CLIENT, 30, "-B", "10", "-m", "post", "-t", "60", "-f",
                file.toString(), NODES[1].coapUri("/receipts"));
        assertTrue(plain.stderr().contains("4.01"), "not a mesh neighbour: " + plain.stderr());

        assertEquals(list(before, "accepted"), list(get(1, "/rewards"), "accepted"));
    }

    @Test
    @Order(3)
    void relayRestartsWithItsBookAndMeterAndTakesTheNextReceipt() throws Exception {
        List<Object> before = list(get(1, "/rewards"), "accepted");
        long upBefore = accepted(get(1, "/rewards"), "relay.up").orElseThrow();
        assertEquals(Optional.of(0), NODES[1].terminate(30));
        NODES[1] = start(1);
        assertEquals(before, list(get(1, "/rewards"), "accepted"), "book rebuilt from the ledger");
        awaitLine();

        relayFromAToC();
        // B's meter continues from its stored totals: A's cumulative claim (far above the
        // tolerance floor) matches it, where a meter restarted from zero would refuse it
        Map<String, Object> after = await(1, "/rewards",
                doc -> accepted(doc, "relay.up").orElse(0L) >= upBefore + BODY_BYTES);
        assertTrue(NODES[1].log().contains("event=receipt-accepted"), NODES[1].log());
        assertTrue(!NODES[1].log().contains("BEYOND_TOLERANCE"), NODES[1].log());
        assertEquals(2, list(after, "accepted").size(), after.toString());
    }

    private static void relayFromAToC() throws Exception {
        CoapClientTool.Result result = CoapClientTool.run(CLIENT, 60, "-B", "50", "-m", "post", "-f",
                dir.resolve("body").toString(), NODES[0].coapUri("/mesh/relay/" + IDS[2] + "/mesh/echo"));
        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(BODY_BYTES + 1, result.stdout().length, result.stderr()); // coap-client ends with a newline
    }

    /** Waits until A's parent is B, B's is C, and B has both as live neighbours. */
    private static void awaitLine() throws Exception {
        await(0, "/mesh/routes", doc -> IDS[1].equals(doc.get("parent")));
        await(1, "/mesh/routes", doc -> IDS[2].equals(doc.get("parent")));
        await(1, "/mesh/neighbors", doc -> list(doc, "neighbors").stream().map(n -> (Map<String, Object>) n)
                .filter(n -> Boolean.TRUE.equals(n.get("alive"))).map(n -> n.get("id")).toList()
                .containsAll(List.of(IDS[0], IDS[2])));
    }

    private static Optional<Long> accepted(Map<String, Object> rewards, String resource) {
        return list(rewards, "accepted").stream().map(r -> (Map<String, Object>) r)
                .filter(r -> IDS[0].equals(r.get("consumer")) && resource.equals(r.get("resource")))
                .map(r -> number(r, "amount")).findFirst();
    }

    private static Ed25519PublicKey keyOf(int node) throws Exception {
        return Ed25519PublicKey.of(HexFormat.of().parseHex((String) get(node, "/node").get("public-key")));
    }

    private static Map<String, Object> get(int node, String path) throws Exception {
        CoapClientTool.Result result = CoapClientTool.run(CLIENT, 30, "-B", "10", NODES[node].coapUri(path));
        assertEquals(0, result.exitCode(), result.stderr());
        return object(result.text());
    }

    /** Polls {@code path} of {@code node} until {@code done}, for at most {@value #WAIT_MILLIS} ms. */
    private static Map<String, Object> await(int node, String path, Predicate<Map<String, Object>> done)
            throws Exception {
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        Map<String, Object> doc = get(node, path);
        while (!done.test(doc)) {
            assertTrue(System.nanoTime() < deadline, path + " of node " + node + " never got there: " + doc
                    + "\nlog:\n" + NODES[node].log());
            Thread.sleep(250);
            doc = get(node, path);
        }
        return doc;
    }

    private static Path dataDir(int node) {
        return dir.resolve("n" + node).resolve("data");
    }

    private static NodeProcess start(int node, String... extra) throws Exception {
        Path home = Files.createDirectories(dir.resolve("n" + node));
        Path config = home.resolve("node.yaml");
        Files.writeString(config, """
                security:
                  psk:
                    - identity: auditor
                      key: auditor-secret-1
                rewards:
                  receipt-interval-seconds: 1
                """);
        List<String> peers = new ArrayList<>();
        for (int other : new int[] {node - 1, node + 1}) {
            if (other >= 0 && other < 3) {
                peers.add("127.0.0.1:" + PORTS[other]);
            }
        }
        List<String> args = new ArrayList<>(List.of("--config", config.toString(), "--mesh-peers", String.join(",", peers)));
        args.addAll(List.of(extra));
        return NodeProcess.start("sim", dataDir(node), PORTS[node], true, args.toArray(String[]::new));
    }
}
