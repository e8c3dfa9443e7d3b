package io.smartshare.node.rewards;

import io.smartshare.contracts.CheckpointRef;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.receipt.ReceiptClaim;
import io.smartshare.contracts.receipt.SignedReceipt;
import io.smartshare.contracts.schedule.MicroTokens;
import io.smartshare.contracts.schedule.RateTerms;
import io.smartshare.contracts.schedule.RewardSchedule;
import io.smartshare.hal.config.ConfigMap;
import io.smartshare.ledger.identity.KeyFile;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.testing.CoapClientTool;
import io.smartshare.node.testing.NodeLine;
import io.smartshare.node.testing.NodeProcess;
import io.smartshare.node.testing.SeededIdentities;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import static io.smartshare.node.testing.JsonDocument.list;
import static io.smartshare.node.testing.JsonDocument.number;
import static io.smartshare.node.testing.JsonDocument.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three real nodes on loopback, a line A - B - C (C the gateway): requests A sends to C
 * through the mesh are relayed by B; A signs receipts for B and sends them to it, B checks
 * them against its own meter and appends them to its ledger. An inflated claim and a replay
 * are refused with their reasons and change nothing; A (stopped) and B (killed with SIGKILL)
 * come back with their meters, B with its book and A with what it signed; a B that inflates its own meter gets no receipt;
 * settling the three ledgers pays B for exactly what A signed, and A and C nothing, and B's
 * {@code /rewards} shows that result.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RewardsRelayIT {
    private static final int A = 0;
    private static final int B = 1;
    private static final int C = 2;
    private static final int BODY_BYTES = 8_000; // SmallDeviceCoapConfig caps bodies at 8 KiB
    private static final int BODIES = 10; // 80 000 bytes: more than the tolerance slack (16 384)

    @TempDir
    static Path dir;
    static NodeLine line;

    @BeforeAll
    static void startLine() throws Exception {
        Files.write(dir.resolve("body"), new byte[BODY_BYTES]);
        // the nodes price what they earn with the schedule the relay is settled with below
        line = NodeLine.startWithSchedule(dir, 3, schedule());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (line != null) {
            line.close();
        }
    }

    @Test
    @Order(1)
    void relayedTrafficYieldsReceiptsInTheRelaysLedger() throws Exception {
        for (int i = 0; i < BODIES; i++) {
            line.relay(A, C, dir.resolve("body"));
        }
        long total = (long) BODIES * BODY_BYTES;
        Map<String, Object> rewards = line.await(B, "/rewards", doc -> accepted(doc, "relay.up").orElse(0L) >= total
                && accepted(doc, "relay.down").orElse(0L) >= total);
        assertEquals(2, list(rewards, "accepted").size(), rewards.toString());

        NodeProcess.Result ledger = NodeProcess.runToEnd(List.of("ledger", "show", "--data-dir",
                line.dataDir(B).toString(), "--last", "1000"));
        assertEquals(0, ledger.exitCode(), ledger.stderr());
        String signer = "receipt   signed by " + line.id(A);
        assertTrue(ledger.stdout().split(signer, -1).length - 1 >= 2, ledger.stdout());
        assertTrue(ledger.stdout().contains(signer + "  relay.up " + total + " B cumulative"), ledger.stdout());

        List<Map<String, Object>> issued = list(line.get(A, "/rewards"), "issued");
        assertTrue(issued.stream().allMatch(r -> line.id(B).equals(r.get("provider"))), issued.toString());
        assertTrue(list(line.get(A, "/rewards"), "accepted").isEmpty(), "A relayed nothing for anyone");
        assertTrue(list(line.get(C, "/rewards"), "accepted").isEmpty(), "C was the target, it relayed nothing");
    }

    @Test
    @Order(2)
    void claimBeyondTheProvidersMeterIsRefusedAndChangesNothing() throws Exception {
        Map<String, Object> before = line.get(B, "/rewards");
        long accepted = accepted(before, "relay.up").orElseThrow();
        long lastEnd = list(line.get(A, "/rewards"), "issued").stream().map(r -> (Map<String, Object>) r)
                .mapToLong(r -> number(r, "end-ms")).max().orElseThrow();
        NodeIdentity a = KeyFile.load(line.dataDir(A).resolve("node.key"));
        SignedReceipt inflated = SignedReceipt.sign(new ReceiptClaim(line.key(B), a.publicKey(), Resource.RELAY_UP,
                accepted + 10_000_000, lastEnd, lastEnd + 1_000, new byte[16], CheckpointRef.of(0, new byte[32])), a);
        Path file = Files.write(dir.resolve("inflated.cbor"), inflated.encode());

        CoapClientTool.Result secure = line.postSecurely(B, file);
        assertTrue(secure.stderr().contains("4.03") && secure.stderr().contains("BEYOND_TOLERANCE"), secure.stderr());

        CoapClientTool.Result readOnly = line.postAsAuditor(B, "/receipts", file);
        assertTrue(readOnly.stderr().contains("4.03") && readOnly.stderr().contains("may not write"), readOnly.stderr());

        CoapClientTool.Result plain = CoapClientTool.run(NodeLine.CLIENT, 30, "-B", "10", "-m", "post", "-t", "60",
                "-f", file.toString(), line.node(B).coapUri("/receipts"));
        assertTrue(plain.stderr().contains("4.01"), "not a mesh neighbour: " + plain.stderr());

        assertEquals(list(before, "accepted"), list(line.get(B, "/rewards"), "accepted"));
    }

    @Test
    @Order(3)
    void replayOfAnAcceptedReceiptIsRefused() throws Exception {
        Map<String, Object> before = line.get(B, "/rewards");
        String hex = ConfigMap.load(line.dataDir(A).resolve(IssuedReceipts.FILE_NAME)).stringList("receipts").get(0);
        Path file = Files.write(dir.resolve("replay.cbor"), HexFormat.of().parseHex(hex));

        CoapClientTool.Result replay = line.postSecurely(B, file);

        assertTrue(replay.stderr().contains("4.09") && replay.stderr().contains("REPLAY"), replay.stderr());
        assertEquals(list(before, "accepted"), list(line.get(B, "/rewards"), "accepted"));
    }

    @Test
    @Order(4)
    void consumerRestartsAndRelayCrashesWithTheirStateAndTheNextReceiptIsTaken() throws Exception {
        List<Object> before = list(line.get(B, "/rewards"), "accepted");
        long upBefore = accepted(line.get(B, "/rewards"), "relay.up").orElseThrow();
        List<Object> issuedBefore = list(line.get(A, "/rewards"), "issued");
        line.crashAndRestart(B); // kill -9: only what was synced survives
        line.restart(A);
        assertEquals(before, list(line.get(B, "/rewards"), "accepted"), "book rebuilt from the ledger");
        assertEquals(issuedBefore, list(line.get(A, "/rewards"), "issued"), "issued receipts kept");
        line.awaitAttached();

        line.relay(A, C, dir.resolve("body"));
        // both meters continue from their stored totals: A's cumulative claim (far above the
        // tolerance floor) matches B's, where a meter restarted from zero on either side
        // would make it beyond tolerance
        Map<String, Object> after = line.await(B, "/rewards",
                doc -> accepted(doc, "relay.up").orElse(0L) >= upBefore + BODY_BYTES);
        assertFalse(line.node(B).log().contains("event=receipt-rejected"), line.node(B).log());
        assertEquals(2, list(after, "accepted").size(), after.toString());
    }

    @Test
    @Order(5)
    void aRelayThatInflatesItsOwnMeterGetsNoReceipt() throws Exception {
        long upBefore = accepted(line.get(B, "/rewards"), "relay.up").orElseThrow();
        assertEquals(Optional.of(0), line.node(B).terminate(30));
        Path meters = line.dataDir(B).resolve("meters.json");
        Files.writeString(meters, Files.readString(meters).replaceFirst("(\"id\":\"" + line.id(A)
                + "\"[^}]*\"provided-up\":)\\d+", "$1" + (upBefore + 10_000_000)));
        line.restart(B);
        line.awaitAttached();

        line.relay(A, C, dir.resolve("body"));
        line.await(A, "/rewards", doc -> list(doc, "issued").stream().map(r -> (Map<String, Object>) r)
                .anyMatch(r -> "relay.up".equals(r.get("resource")) && number(r, "amount") == upBefore + BODY_BYTES));
        line.await(B, "/rewards", doc -> line.node(B).log().contains("BEYOND_TOLERANCE"));

        assertEquals(upBefore, accepted(line.get(B, "/rewards"), "relay.up").orElseThrow(),
                "A signs what it metered; B's inflated meter refuses it and earns nothing for it");
    }

    @Test
    @Order(6)
    void settlingTheThreeLedgersPaysTheRelayForWhatItsConsumerSigned() throws Exception {
        Map<String, Object> rewards = line.get(B, "/rewards");
        long up = accepted(rewards, "relay.up").orElseThrow();
        long down = accepted(rewards, "relay.down").orElseThrow();
        Map<String, Object> units = object(object(ownSummary(B), "earnings"), "units");
        assertEquals(Set.of("relay.up", "relay.down"), units.keySet());
        assertEquals(List.of(up, down), List.of(number(units, "relay.up"), number(units, "relay.down")),
                "the fleet summary's earnings this epoch: all it accepted, nothing settled yet");
        long earned = up * 2000 / 1_000_000 + down * 2000 / 1_000_000;
        Map<String, Object> estimate = object(rewards, "earnings");
        assertEquals(units, object(estimate, "units"), "/rewards: the same units");
        assertEquals(earned, number(estimate, "estimate-micro-tokens"), "/rewards: those units at the schedule's rates");
        assertEquals(MicroTokens.tokens(earned), estimate.get("estimate-tokens"));
        assertTrue(((String) estimate.get("estimate")).startsWith("not settled"), estimate.toString());
        line.stopAll(); // each node signs a final checkpoint that covers its receipts

        NodeIdentity issuer = SeededIdentities.identity(0x09);
        Files.write(dir.resolve("settle-schedule.cose"), schedule().sign(issuer));
        Path config = Files.writeString(dir.resolve("settle.yaml"), "rewards:\n  trusted-issuers: ["
                + HexFormat.of().formatHex(issuer.publicKey().encoded()) + "]\n  schedule: settle-schedule.cose\n");

        NodeProcess.Result result = NodeProcess.runToEnd(List.of("rewards", "settle", "--config", config.toString(),
                "--epoch", "0", "--data-dir", line.dataDir(B).toString(), "--members",
                line.dataDir(A) + "," + line.dataDir(C)));

        assertEquals(0, result.exitCode(), result.stderr());
        Matcher m = Pattern.compile(line.id(B) + "\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)").matcher(result.stdout());
        assertTrue(m.find(), result.stdout());
        assertEquals(earned, Long.parseLong(m.group(3)), result.stdout());
        assertFalse(result.stdout().contains(line.id(A)) || result.stdout().contains(line.id(C)), result.stdout());
        assertTrue(result.stdout().contains("unallocated " + (500_000 - earned)), result.stdout());

        line.restart(B); // alone: its /rewards shows the result settled with its data dir
        Map<String, Object> settlement = object(line.get(B, "/rewards"), "settlement");
        assertEquals(0, number(settlement, "epoch"));
        assertTrue(result.stdout().contains("settlement hash " + settlement.get("hash")), settlement.toString());
        List<Map<String, Object>> rows = list(settlement, "rewards");
        assertEquals(1, rows.size(), rows.toString());
        assertEquals(line.id(B), rows.get(0).get("node"));
        assertEquals(earned, number(rows.get(0), "reward"));
        Map<String, Object> earnings = object(ownSummary(B), "earnings");
        assertEquals(0, number(earnings, "settled-epoch"));
        assertEquals(earned, number(earnings, "settled-reward-micro-tokens"));
        assertEquals(Map.of(), earnings.get("units"), "everything accepted was settled: nothing earned this epoch yet");
        Map<String, Object> sinceSettled = object(line.get(B, "/rewards"), "earnings");
        assertEquals(earned, number(sinceSettled, "settled-reward-micro-tokens"));
        assertEquals(MicroTokens.tokens(earned), sinceSettled.get("settled-reward-tokens"));
        assertEquals(0, number(sinceSettled, "estimate-micro-tokens"), sinceSettled.toString());
    }

    /** Relay up and down at 2000 µT per 10^6 B, each capped at 300 000 µT, from a pool of 500 000 µT. */
    private static RewardSchedule schedule() {
        RateTerms relay = new RateTerms(2000, 1_000_000, 300_000);
        return new RewardSchedule(1, 0, 500_000, Map.of(Resource.RELAY_UP, relay, Resource.RELAY_DOWN, relay));
    }

    /** The node's own fleet summary, as its {@code /fleet} shows it. */
    private static Map<String, Object> ownSummary(int node) throws Exception {
        return object((Map<String, Object>) list(line.get(node, "/fleet"), "members").get(0), "summary");
    }

    private static Optional<Long> accepted(Map<String, Object> rewards, String resource) {
        return list(rewards, "accepted").stream().map(r -> (Map<String, Object>) r)
                .filter(r -> line.id(A).equals(r.get("consumer")) && resource.equals(r.get("resource")))
                .map(r -> number(r, "amount")).findFirst();
    }
}
