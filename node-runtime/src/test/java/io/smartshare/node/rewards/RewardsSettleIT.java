package io.smartshare.node.rewards;

import static io.smartshare.node.testing.SeededIdentities.identity;
import static io.smartshare.node.testing.SeededIdentities.seed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.CheckpointRef;
import io.smartshare.contracts.channel.Channel;
import io.smartshare.contracts.channel.ChannelOpen;
import io.smartshare.contracts.channel.ChannelTerms;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.receipt.ReceiptClaim;
import io.smartshare.contracts.receipt.SignedReceipt;
import io.smartshare.contracts.schedule.RateTerms;
import io.smartshare.contracts.schedule.RewardSchedule;
import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.storage.LedgerFiles;
import io.smartshare.node.testing.NodeProcess;
import io.smartshare.node.testing.SeededIdentities;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code smartshare-node rewards settle} over real ledgers holding worked example 2 of
 * docs/contracts.md §9 (receipts 1-10, signed by the documented seeds): the rewards are the
 * documented ones (A 359 840, B 130 165, C 9 995), D's self-signed receipt earns it nothing,
 * two separate JVMs give the same result bytes, the next epoch settled from this result pays
 * nothing twice, the example's channel is paid from the latest of two unilateral closes, and
 * a schedule from an untrusted key is refused. The issuer's {@code sign-schedule} tool makes
 * the documented schedule (its id is §9's). (The example's checkpoints and previous mark are not those of real ledgers, so
 * the settlement hash differs from the documented one; the previous mark changes no reward.)
 */
class RewardsSettleIT {
    private static final NodeIdentity A = identity(0x0a);
    private static final NodeIdentity B = identity(0x0b);
    private static final NodeIdentity C = identity(0x0c);
    private static final NodeIdentity D = identity(0x0d);
    private static final NodeIdentity E = identity(0x0e);
    private static final NodeIdentity ISSUER = identity(0x09);

    @TempDir
    static Path dir;

    @BeforeAll
    static void writeLedgers() throws Exception {
        ledger(0x0a, List.of(receipt(1, A, B, Resource.RELAY_DOWN, 100_000_000), receipt(2, A, B, Resource.RELAY_DOWN, 250_000_000),
                receipt(3, A, C, Resource.RELAY_UP, 120_000_000), receipt(4, A, B, Resource.RELAY_UP, 35_500_000)));
        ledger(0x0b, List.of(receipt(5, B, A, Resource.RELAY_DOWN, 90_000_000), receipt(6, B, C, Resource.CPU, 1_234_567)));
        ledger(0x0c, List.of(receipt(7, C, D, Resource.STORAGE, 3_333_333)));
        ledger(0x0d, List.of(receipt(8, D, D, Resource.RELAY_UP, 900_000_000), receipt(9, D, E, Resource.RELAY_DOWN, 500_000_000)));
        RateTerms relay = new RateTerms(2000, 1_000_000, 300_000);
        Map<Resource, RateTerms> terms = Map.of(Resource.RELAY_UP, relay, Resource.RELAY_DOWN, relay,
                Resource.STORAGE, new RateTerms(5, 1000, 100_000), Resource.CPU, new RateTerms(30, 1000, 100_000));
        RewardSchedule schedule = new RewardSchedule(3, 5, 500_000, terms);
        Files.write(dir.resolve("schedule.cose"), schedule.sign(ISSUER));
        Files.write(dir.resolve("untrusted.cose"), schedule.sign(D));
        writeChannelCloses();
        Files.writeString(dir.resolve("node.yaml"), "rewards:\n  trusted-issuers:\n    - "
                + HexFormat.of().formatHex(ISSUER.publicKey().encoded()) + "\n");
    }

    @Test
    void settlesTheDocumentedExampleFromLedgersAndTheSelfSignedReceiptEarnsNothing() throws Exception {
        NodeProcess.Result first = settle("schedule.cose", "first.cbor");
        NodeProcess.Result second = settle("schedule.cose", "second.cbor");

        assertEquals(0, first.exitCode(), first.stderr());
        assertEquals(359_840, reward(first.stdout(), A), first.stdout());
        assertEquals(130_165, reward(first.stdout(), B), first.stdout());
        assertEquals(9_995, reward(first.stdout(), C), first.stdout());
        assertFalse(Pattern.compile("(?m)^" + D.nodeId().value() + "\\s+\\d+").matcher(first.stdout()).find(),
                "D earned nothing (no reward line):\n" + first.stdout());
        assertTrue(first.stdout().contains("excluded SELF_SIGNED"), first.stdout());
        assertTrue(first.stdout().contains("excluded CONSUMER_NOT_MEMBER"), first.stdout());
        assertTrue(first.stdout().contains("unallocated 0\ndust 1\n"), first.stdout());

        byte[] bytes = Files.readAllBytes(dir.resolve("first.cbor"));
        assertArrayEquals(bytes, Files.readAllBytes(dir.resolve("second.cbor")), "same bytes in two JVMs");
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertTrue(first.stdout().contains("settlement hash " + hash), first.stdout());
        assertTrue(second.stdout().contains("settlement hash " + hash), second.stdout());
    }

    @Test
    void theIssuersToolSignsTheDocumentedScheduleAndNodesSettleWithIt() throws Exception {
        Path issuerDir = Files.createDirectories(dir.resolve("issuer"));
        SeededIdentities.writeKeyFile(issuerDir.resolve("node.key"), 0x09);

        NodeProcess.Result signed = NodeProcess.runToEnd(List.of("rewards", "sign-schedule", "--issuer-dir",
                issuerDir.toString(), "--version", "3", "--valid-from", "5", "--pool", "500000", "--terms",
                "relay.up=2000/1000000/300000,relay.down=2000/1000000/300000,storage=5/1000/100000,cpu=30/1000/100000",
                "--out", dir.resolve("cli-schedule.cose").toString()));

        assertEquals(0, signed.exitCode(), signed.stderr());
        assertTrue(signed.stdout().contains("issuer key  " + HexFormat.of().formatHex(ISSUER.publicKey().encoded())),
                signed.stdout());
        assertTrue(signed.stdout().contains(
                "schedule id b3ac4f061a5c4521b122a70d8d7182afee7cfba8fe21f470570e1211fbd7df57"), "§9: " + signed.stdout());
        NodeProcess.Result settled = settle("cli-schedule.cose", "cli.cbor");
        assertEquals(0, settled.exitCode(), settled.stderr());
        assertEquals(359_840, reward(settled.stdout(), A));
    }

    @Test
    void paysTheDocumentedChannelFromTheLatestOfTwoUnilateralCloses() throws Exception {
        NodeProcess.Result result = NodeProcess.runToEnd(List.of("rewards", "settle", "--config",
                dir.resolve("node.yaml").toString(), "--epoch", "7", "--schedule", dir.resolve("schedule.cose").toString(),
                "--data-dir", dataDir(A).toString(), "--members", dataDir(B) + "," + dataDir(C) + "," + dataDir(D),
                "--closes", dir.resolve("close-by-c.hex") + "," + dir.resolve("close-by-a.cbor")));

        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stdout().contains("channel 6d1f2ee3bad8f5bd1f967aeb098758b6 payer " + A.nodeId() + " payee "
                + C.nodeId() + " deposit 50000 µT paid 25000 µT (0.025000 tokens)"), result.stdout());
        assertEquals(359_840, reward(result.stdout(), A), "channels do not touch the pool");
    }

    @Test
    void theNextEpochPaysNothingTwiceGivenThePreviousResult() throws Exception {
        assertEquals(0, settle("schedule.cose", "epoch-7.cbor").exitCode());

        NodeProcess.Result next = NodeProcess.runToEnd(List.of("rewards", "settle", "--config",
                dir.resolve("node.yaml").toString(), "--epoch", "8", "--schedule", dir.resolve("schedule.cose").toString(),
                "--data-dir", dataDir(A).toString(), "--members", dataDir(B) + "," + dataDir(C) + "," + dataDir(D),
                "--previous", dir.resolve("epoch-7.cbor").toString()));

        assertEquals(0, next.exitCode(), next.stderr());
        assertFalse(next.stdout().contains(A.nodeId().value()), "the same receipts earn nothing again:\n" + next.stdout());
        assertTrue(next.stdout().contains("unallocated 500000\n"), next.stdout());
    }

    @Test
    void refusesAMemberWhoseLedgerHasNoSignedCheckpoint() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        SeededIdentities.writeKeyFile(empty.resolve("node.key"), 0x0e);
        LedgerFiles.open(empty, E).close(); // a node that never appended anything

        NodeProcess.Result result = NodeProcess.runToEnd(List.of("rewards", "settle", "--config",
                dir.resolve("node.yaml").toString(), "--epoch", "7", "--schedule", dir.resolve("schedule.cose").toString(),
                "--data-dir", dataDir(A).toString(), "--members", empty.toString()));

        assertEquals(1, result.exitCode(), result.stdout());
        assertTrue(result.stderr().contains(E.nodeId() + " in " + empty + " has no signed checkpoint"), result.stderr());
    }

    @Test
    void refusesAScheduleSignedByAnUntrustedKey() throws Exception {
        NodeProcess.Result result = settle("untrusted.cose", "untrusted.cbor");

        assertEquals(1, result.exitCode(), result.stdout());
        assertTrue(result.stderr().contains("UNTRUSTED_ISSUER"), result.stderr());
        assertFalse(Files.exists(dir.resolve("untrusted.cbor")));
    }

    /**
     * Example 2's channel: A opens to C (deposit 50 000, nonce 16 zero bytes), pays 10 000
     * then 15 000 more; C closes with the 25 000 proof, A with its stale 10 000 one.
     */
    private static void writeChannelCloses() throws Exception {
        ChannelOpen open = ChannelOpen.accept(ChannelOpen.propose(
                new ChannelTerms(A.publicKey(), C.publicKey(), 50_000, new byte[16]), A), C).orElseThrow();
        Channel.Payment first = Channel.opened(open).pay(10_000, A).orElseThrow();
        Channel.Payment second = first.channel().pay(15_000, A).orElseThrow();
        Channel payee = Channel.opened(open).receive(first.proof().encode()).orElseThrow()
                .receive(second.proof().encode()).orElseThrow();
        // as hex text, the way `channel show` prints a close and an operator saves it
        Files.writeString(dir.resolve("close-by-c.hex"),
                HexFormat.of().formatHex(payee.closeUnilaterally().orElseThrow().close().encode()) + "\n");
        Files.write(dir.resolve("close-by-a.cbor"), first.channel().closeUnilaterally().orElseThrow().close().encode());
    }

    @Test
    void namesTheRecordsItLeavesOutAfterAMembersLatestCheckpoint() throws Exception {
        NodeIdentity late = identity(0x0f);
        Path data = Files.createDirectories(dir.resolve("late").resolve(late.nodeId().value()));
        SeededIdentities.writeKeyFile(data.resolve("node.key"), 0x0f);
        try (Ledger ledger = LedgerFiles.open(data, late)) {
            ledger.append(receipt(1, late, A, Resource.RELAY_DOWN, 1_000_000).ledgerEntry()).get(10, TimeUnit.SECONDS);
            ledger.publishCheckpoint().get(10, TimeUnit.SECONDS);
            ledger.append(receipt(2, late, A, Resource.RELAY_DOWN, 2_000_000).ledgerEntry()).get(10, TimeUnit.SECONDS);
        }
        NodeProcess.Result result = NodeProcess.runToEnd(List.of("rewards", "settle", "--config",
                dir.resolve("node.yaml").toString(), "--epoch", "7", "--schedule", dir.resolve("schedule.cose").toString(),
                "--data-dir", data.toString(), "--members", dataDir(A).toString()));
        assertEquals(0, result.exitCode(), result.stderr());
        // Record 0 is the first receipt, 1 the checkpoint of size 1, 2 the receipt after it.
        assertTrue(result.stderr().contains("receipt record 2 of " + late.nodeId() + " in " + data + " left out: it comes"
                + " after the latest signed checkpoint (size 1)"), result.stderr());
        assertTrue(result.stdout().contains(late.nodeId().value()), "the checkpointed receipt counts:\n" + result.stdout());
    }

    private static NodeProcess.Result settle(String schedule, String out) throws Exception {
        return NodeProcess.runToEnd(List.of("rewards", "settle", "--config", dir.resolve("node.yaml").toString(),
                "--epoch", "7", "--schedule", dir.resolve(schedule).toString(), "--data-dir", dataDir(A).toString(),
                "--members", dataDir(B) + "," + dataDir(C) + "," + dataDir(D), "--out", dir.resolve(out).toString()));
    }

    private static long reward(String stdout, NodeIdentity node) {
        Matcher m = Pattern.compile(node.nodeId().value() + "\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)").matcher(stdout);
        assertTrue(m.find(), node.nodeId() + " has a reward line:\n" + stdout);
        return Long.parseLong(m.group(3));
    }

    /** Receipt {@code index} of the example table, signed by the consumer. */
    private static SignedReceipt receipt(int index, NodeIdentity provider, NodeIdentity consumer, Resource resource,
            long amount) {
        byte[] filled = new byte[32];
        Arrays.fill(filled, (byte) index);
        return SignedReceipt.sign(new ReceiptClaim(provider.publicKey(), consumer.publicKey(), resource, amount,
                index * 1000L, index * 1000L + 1000, Arrays.copyOf(filled, 16), CheckpointRef.of(index, filled)), consumer);
    }

    private static Path dataDir(NodeIdentity node) {
        return dir.resolve(node.nodeId().value());
    }

    /** A data dir with the key file of the node with seed {@code seedByte} and a ledger of {@code receipts}, checkpointed. */
    private static void ledger(int seedByte, List<SignedReceipt> receipts) throws Exception {
        NodeIdentity node = identity(seedByte);
        Path data = Files.createDirectories(dataDir(node));
        SeededIdentities.writeKeyFile(data.resolve("node.key"), seedByte);
        try (Ledger ledger = LedgerFiles.open(data, node)) {
            for (SignedReceipt receipt : receipts) {
                ledger.append(receipt.ledgerEntry()).get(10, TimeUnit.SECONDS);
            }
            ledger.publishCheckpoint().get(10, TimeUnit.SECONDS);
        }
    }
}
