package io.smartshare.node.rewards;

import static io.smartshare.node.testing.JsonDocument.list;
import static io.smartshare.node.testing.JsonDocument.number;
import static io.smartshare.node.testing.JsonDocument.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.schedule.RateTerms;
import io.smartshare.contracts.schedule.RewardSchedule;
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
 * Automatic payment over a priced channel between real node processes, a line A - B - C (C
 * the gateway): every node asks 3 000 µT per MB relayed, and says so in its hellos; A's
 * operator reads B's price, an open below it is refused, and opens a channel to B at 3 µT per
 * 1 000 relayed bytes; A then
 * sends requests to C, which B relays; with no {@code pay} command, A signs proofs for what
 * its own meter says B relayed, B checks them against its meter, both ledgers hold them, and a
 * cooperative close followed by epoch settlement on B pays B exactly that price.
 */
class ChannelAutoPayIT {
    private static final int A = 0;
    private static final int B = 1;
    private static final int C = 2;
    private static final int BODY_BYTES = 8_000;
    private static final int BODIES = 10;

    @TempDir
    static Path dir;
    static NodeLine line;

    @BeforeAll
    static void start() throws Exception {
        Files.write(dir.resolve("body"), new byte[BODY_BYTES]);
        line = NodeLine.startWithSchedule(dir, 3, new RewardSchedule(1, 0, 1_000,
                Map.of(Resource.RELAY_UP, new RateTerms(2000, 1_000_000, 300_000))), "  relay-price-per-mb: 3000\n");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (line != null) {
            line.close();
        }
    }

    @Test
    void relayedTrafficIsPaidWithoutAPayCommandAndTheCloseSettlesIt() throws Exception {
        NodeProcess.Result halfPrice = run(A, "open", "--payee", hex(B), "--deposit", "1000", "--rate", "3");
        assertEquals(2, halfPrice.exitCode(), halfPrice.stderr());
        assertTrue(halfPrice.stderr().contains("--rate R and --unit U together"), halfPrice.stderr());
        NodeProcess.Result zeroRate = run(A, "open", "--payee", hex(B), "--deposit", "1000", "--rate", "0", "--unit",
                "1000");
        assertEquals(1, zeroRate.exitCode(), zeroRate.stderr());
        assertTrue(zeroRate.stderr().contains("4.00") && zeroRate.stderr().contains("rate > 0"), zeroRate.stderr());
        List<Map<String, Object>> neighbours = list(line.get(A, "/mesh/neighbors"), "neighbors");
        Map<String, Object> seen = neighbours.stream().filter(n -> line.id(B).equals(n.get("id"))).findFirst()
                .orElseThrow();
        assertEquals(3_000L, number(seen, "relay-price"), "B's hellos carry its price");
        NodeProcess.Result belowPrice = run(A, "open", "--payee", hex(B), "--deposit", "1000", "--rate", "2", "--unit",
                "1000");
        assertEquals(1, belowPrice.exitCode(), belowPrice.stderr());
        assertTrue(belowPrice.stderr().contains("4.03") && belowPrice.stderr().contains("BELOW_PRICE"),
                belowPrice.stderr());
        assertEquals(List.of(), list(line.get(A, "/channels"), "channels"), "refused opens change nothing");

        Map<String, Object> opened = object(cli(A, "open", "--payee", hex(B), "--deposit", "1000000", "--rate", "3",
                "--unit", "1000").stdout());
        String id = (String) opened.get("id");
        Map<String, Object> price = object(opened, "price");
        assertEquals(List.of(3L, 1_000L), List.of(number(price, "rate"), number(price, "unit")));
        assertEquals(price, object(channel(B, id), "price"), "B holds the price A signed");

        for (int i = 0; i < BODIES; i++) {
            line.relay(A, C, dir.resolve("body"));
        }
        long owed = 2L * BODIES * BODY_BYTES * 3 / 1_000; // up and down, beyond A's reading at the open
        line.await(A, "/channels?id=" + id, doc -> number(doc, "paid") == owed);
        line.await(B, "/channels?id=" + id, doc -> number(doc, "paid") == owed);
        assertTrue(line.node(A).log().contains("event=channel-autopaid channel=" + id), line.node(A).log());
        assertTrue(recordsSignedBy(B, A) >= 2, "B's ledger: A's open signature and A's proofs");
        assertTrue(recordsSignedBy(A, A) >= 1, "A's ledger: its own proofs");

        Map<String, Object> closed = object(cli(A, "close", id).stdout());
        assertEquals("closed", closed.get("status"));
        assertEquals(owed, number(closed, "paid"));
        assertEquals("cooperative", channel(B, id).get("closed"));
        assertEquals(owed, number(channel(B, id), "paid"));

        line.stopAll();
        NodeProcess.Result settled = NodeProcess.runToEnd(List.of("rewards", "settle", "--config",
                line.configFile(B).toString(), "--epoch", "0", "--data-dir", line.dataDir(B).toString(), "--members",
                line.dataDir(A) + "," + line.dataDir(C)));
        assertEquals(0, settled.exitCode(), settled.stderr());
        assertTrue(settled.stdout().contains("channel " + id + " payer " + line.id(A) + " payee " + line.id(B)
                + " deposit 1000000 µT paid " + owed + " µT"), settled.stdout());
    }

    /** Runs {@code smartshare-node channel <args>} against node {@code i} as the operator; it must succeed. */
    private static NodeProcess.Result cli(int i, String... args) throws Exception {
        NodeProcess.Result result = run(i, args);
        assertEquals(0, result.exitCode(), List.of(args) + ": " + result.stdout() + result.stderr());
        return result;
    }

    /** Runs {@code smartshare-node channel <args> --json} against node {@code i} as the operator. */
    private static NodeProcess.Result run(int i, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("channel"));
        command.addAll(List.of(args));
        command.addAll(List.of("--json", "--config", line.configFile(i).toString(), "--identity", NodeLine.OPERATOR, "--node",
                "coaps://127.0.0.1:" + line.node(i).coapsPort()));
        return NodeProcess.runToEnd(command);
    }

    private static Map<String, Object> channel(int i, String id) throws Exception {
        return line.get(i, "/channels?id=" + id);
    }

    private static String hex(int i) throws Exception {
        return HexFormat.of().formatHex(line.key(i).encoded());
    }

    /** Channel records in node {@code i}'s ledger signed by node {@code signer}. */
    private static long recordsSignedBy(int i, int signer) throws Exception {
        NodeProcess.Result ledger = NodeProcess.runToEnd(List.of("ledger", "show", "--data-dir",
                line.dataDir(i).toString(), "--last", "100000"));
        assertEquals(0, ledger.exitCode(), ledger.stderr());
        return ledger.stdout().lines().filter(l -> l.contains("receipt   signed by " + line.id(signer) + "  channel "))
                .count();
    }
}
