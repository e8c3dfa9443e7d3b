package io.smartshare.node.rewards;

import static io.smartshare.node.testing.JsonDocument.list;
import static io.smartshare.node.testing.JsonDocument.number;
import static io.smartshare.node.testing.JsonDocument.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.schedule.RateTerms;
import io.smartshare.contracts.schedule.RewardSchedule;
import io.smartshare.node.testing.CoapClientTool;
import io.smartshare.node.testing.NodeLine;
import io.smartshare.node.testing.NodeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A payment channel between two real neighbour processes, driven by the operator's CLI
 * ({@code smartshare-node channel}) against the payer A: open (both ledgers record it),
 * two payments, a replayed, a stale and a forged proof and an over-deposit payment refused
 * with nothing changed, a cooperative close; a second channel closed by the payee alone;
 * then B restarted cleanly and A killed with SIGKILL and restarted, both rebuilding the
 * channels from their ledgers; and epoch settlement on B paying both channels out from B's
 * ledger, with no close file.
 */
class ChannelsIT {
    private static final int A = 0;
    private static final int B = 1;
    private static final RewardSchedule SCHEDULE = new RewardSchedule(1, 0, 1_000,
            Map.of(Resource.RELAY_UP, new RateTerms(2000, 1_000_000, 300_000)));

    @TempDir
    static Path dir;
    static NodeLine line;

    @BeforeAll
    static void start() throws Exception {
        line = NodeLine.startWithSchedule(dir, 2, SCHEDULE);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (line != null) {
            line.close();
        }
    }

    @Test
    void channelIsOpenedPaidClosedRebuiltAfterRestartsAndSettled() throws Exception {
        String payee = HexFormat.of().formatHex(line.key(B).encoded());
        Map<String, Object> opened = object(cli(A, 0, "open", "--payee", payee, "--deposit", "50000").stdout());
        String id = (String) opened.get("id");
        assertEquals("payer", opened.get("role"));
        assertEquals(line.id(B), opened.get("peer"));
        assertEquals(1, channelRecords(A), "A's ledger holds B's signature of the open");
        assertEquals(1, channelRecords(B), "B's ledger holds A's signature of the open");

        cli(A, 0, "pay", id, "10000");
        String first = (String) object(cli(A, 0, "show", id).stdout()).get("latest-proof");
        Map<String, Object> paid = object(cli(A, 0, "pay", id, "15000").stdout());
        assertEquals(25_000, number(paid, "paid"));
        String second = (String) object(cli(A, 0, "show", id).stdout()).get("latest-proof");
        assertEquals(25_000, number(channel(B, id), "paid"));
        String listed = text(A, 0, "list").stdout();
        assertTrue(listed.matches("(?s)id +role +peer +deposit µT +paid µT +status\n" + id + " +payer +" + line.id(B)
                + " +50000 +25000 +open\n"), listed);
        String shown = text(A, 0, "show", id).stdout();
        assertTrue(shown.contains("  paid    25000 µT (0.025000 tokens)\n  left    25000 µT (0.025000 tokens)\n")
                && shown.contains("  latest-proof  " + second), shown);
        assertTrue(ledgerShow(B).contains("receipt   signed by " + line.id(A) + "  channel payment " + id
                + " paid 25000 µT (0.025000 tokens) in all"), ledgerShow(B));
        assertEquals(3, channelRecords(B));

        assertRefused(second, "4.09", "STALE"); // a replay of the latest proof
        assertRefused(first, "4.09", "STALE");
        byte[] forged = HexFormat.of().parseHex(second);
        forged[forged.length - 1] ^= 1;
        assertRefused(HexFormat.of().formatHex(forged), "4.00", "BAD_SIGNATURE");
        Path plain = Files.write(dir.resolve("plain.cbor"), HexFormat.of().parseHex(second));
        CoapClientTool.Result notNeighbour = CoapClientTool.run(NodeLine.CLIENT, 30, "-m", "post", "-t", "60", "-f",
                plain.toString(), line.node(B).coapUri("/channels/peer/proof"));
        assertTrue(notNeighbour.stderr().contains("4.01"), notNeighbour.stderr());
        CoapClientTool.Result unauthorised = CoapClientTool.run(NodeLine.CLIENT, 30, "-m", "post",
                line.node(A).coapUri("/channels/pay?id=" + id + "&amount=1"));
        assertTrue(unauthorised.stderr().contains("4.01"), unauthorised.stderr());
        NodeProcess.Result readOnly = NodeProcess.runToEnd(List.of("channel", "pay", id, "1", "--config",
                line.configFile(A).toString(), "--identity", "auditor", "--node",
                "coaps://127.0.0.1:" + line.node(A).coapsPort()));
        assertTrue(readOnly.exitCode() == 1 && readOnly.stderr().contains("4.03"), readOnly.stderr());
        assertTrue(cli(A, 1, "pay", "00".repeat(16), "1").stderr().contains("4.04"));
        assertTrue(cli(A, 1, "pay", "not-hex", "1").stderr().contains("4.00"));
        NodeProcess.Result overDeposit = cli(A, 1, "pay", id, "25001");
        assertTrue(overDeposit.stderr().contains("OVER_DEPOSIT"), overDeposit.stderr());
        assertEquals(25_000, number(channel(A, id), "paid"));
        assertEquals(25_000, number(channel(B, id), "paid"));
        assertEquals(3, channelRecords(B), "refused proofs leave B's ledger unchanged");
        assertEquals(3, channelRecords(A), "A's own proofs; the refused payment is not recorded");

        Map<String, Object> closed = object(cli(A, 0, "close", id).stdout());
        assertEquals("closed", closed.get("status"));
        assertEquals("cooperative", channel(B, id).get("closed"));
        assertEquals(4, channelRecords(B));

        String other = (String) object(cli(A, 0, "open", "--payee", payee, "--deposit", "1000").stdout()).get("id");
        cli(A, 0, "pay", other, "400");
        Map<String, Object> alone = object(cli(B, 0, "close", other, "--unilateral").stdout());
        assertEquals("closed", alone.get("status"));
        assertEquals("open", channel(A, other).get("status"), "a unilateral close needs no answer from the payer");
        assertEquals(7, channelRecords(B));

        line.restart(B);
        line.crashAndRestart(A);
        for (int node : new int[] {A, B}) {
            Map<String, Object> rebuilt = channel(node, id);
            assertEquals("closed", rebuilt.get("status"), "node " + node);
            assertEquals("cooperative", rebuilt.get("closed"), "node " + node);
            assertEquals(25_000, number(rebuilt, "paid"), "node " + node);
            assertEquals(50_000, number(rebuilt, "deposit"), "node " + node);
        }
        Map<String, Object> unilateral = channel(B, other);
        assertEquals("unilateral", unilateral.get("closed"));
        assertEquals(400, number(unilateral, "paid"));
        assertEquals("open", channel(A, other).get("status"));
        assertEquals(400, number(channel(A, other), "paid"));
        assertEquals(List.of(id, other).stream().sorted().toList(), list(line.get(B, "/rewards"), "channels").stream()
                .map(row -> ((Map<?, ?>) row).get("id")).toList());

        line.stopAll();
        NodeProcess.Result settled = NodeProcess.runToEnd(List.of("rewards", "settle", "--config",
                line.configFile(B).toString(), "--epoch", "1", "--data-dir", line.dataDir(B).toString(), "--members",
                line.dataDir(A).toString()));
        assertEquals(0, settled.exitCode(), settled.stderr());
        assertTrue(settled.stdout().contains("channel " + id + " payer " + line.id(A) + " payee " + line.id(B)
                + " deposit 50000 µT paid 25000 µT"), settled.stdout());
        assertTrue(settled.stdout().contains("channel " + other + " payer " + line.id(A) + " payee " + line.id(B)
                + " deposit 1000 µT paid 400 µT"), settled.stdout());
        line.restart(B);
        List<Map<String, Object>> payouts = list(object(line.get(B, "/rewards"), "settlement"), "channels");
        assertEquals(List.of(id, other).stream().sorted().toList(), payouts.stream().map(p -> p.get("id")).toList());
        Map<String, Object> payout = payouts.stream().filter(p -> id.equals(p.get("id"))).findFirst().orElseThrow();
        assertEquals(line.id(A), payout.get("payer"));
        assertEquals(25_000, number(payout, "paid"));
    }

    /**
     * Runs {@code smartshare-node channel <args> --json} against node {@code i} as the operator
     * and checks its exit code.
     */
    private static NodeProcess.Result cli(int i, int exitCode, String... args) throws Exception {
        return text(i, exitCode, concat(args, "--json"));
    }

    /** As {@link #cli}, printing text for the operator (no --json). */
    private static NodeProcess.Result text(int i, int exitCode, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("channel"));
        command.addAll(List.of(args));
        command.addAll(List.of("--config", line.configFile(i).toString(), "--identity", NodeLine.OPERATOR, "--node",
                "coaps://127.0.0.1:" + line.node(i).coapsPort()));
        NodeProcess.Result result = NodeProcess.runToEnd(command);
        assertEquals(exitCode, result.exitCode(), command + ": " + result.stdout() + result.stderr());
        return result;
    }

    private static String[] concat(String[] args, String last) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add(last);
        return all.toArray(String[]::new);
    }

    private static Map<String, Object> channel(int i, String id) throws Exception {
        return line.get(i, "/channels?id=" + id);
    }

    /** Channel records in node {@code i}'s ledger (no traffic is relayed here: every receipt record is one). */
    private static long channelRecords(int i) throws Exception {
        return ledgerShow(i).lines().filter(l -> l.contains("receipt   signed by") && l.contains("  channel ")).count();
    }

    private static String ledgerShow(int i) throws Exception {
        NodeProcess.Result ledger = NodeProcess.runToEnd(List.of("ledger", "show", "--data-dir",
                line.dataDir(i).toString(), "--last", "100000"));
        assertEquals(0, ledger.exitCode(), ledger.stderr());
        return ledger.stdout();
    }

    private static void assertRefused(String proofHex, String code, String reason) throws Exception {
        Path file = Files.write(dir.resolve(reason + code), HexFormat.of().parseHex(proofHex));
        CoapClientTool.Result result = line.postSecurely(B, "/channels/peer/proof", file);
        assertTrue(result.stderr().contains(code) && result.stderr().contains(reason), reason + ": " + result.stderr());
    }
}
