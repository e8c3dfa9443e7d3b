package io.smartshare.node.rewards;

import static io.smartshare.node.testing.JsonDocument.list;
import static io.smartshare.node.testing.JsonDocument.number;
import static io.smartshare.node.testing.JsonDocument.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.CheckpointRef;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.receipt.ReceiptClaim;
import io.smartshare.contracts.receipt.SignedReceipt;
import io.smartshare.contracts.schedule.RateTerms;
import io.smartshare.contracts.schedule.RewardSchedule;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.KeyFile;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.testing.CoapClientTool;
import io.smartshare.node.testing.NodeLine;
import io.smartshare.node.testing.NodeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real neighbours A - B (B the gateway, nothing relayed between them) and receipts
 * handed to B over coaps: forged, for another provider, self-signed by B (a node inflating
 * its own meter), for service B never metered, not a receipt at all, in the wrong format.
 * Each is refused with its reason and B's ledger holds no receipt afterwards. B shows the
 * schedule its operator configured.
 */
class ReceiptRejectionIT {
    private static final int A = 0;
    private static final int B = 1;
    private static final RewardSchedule SCHEDULE = new RewardSchedule(3, 5, 500_000,
            Map.of(Resource.RELAY_UP, new RateTerms(2000, 1_000_000, 300_000)));

    @TempDir
    static Path dir;
    static NodeLine line;
    static NodeIdentity a;
    static NodeIdentity b;

    @BeforeAll
    static void start() throws Exception {
        line = NodeLine.startWithSchedule(dir, 2, SCHEDULE);
        a = KeyFile.load(line.dataDir(A).resolve("node.key"));
        b = KeyFile.load(line.dataDir(B).resolve("node.key"));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (line != null) {
            line.close();
        }
    }

    @Test
    void everyBadReceiptIsRefusedWithItsReasonAndNoneReachesTheLedger() throws Exception {
        byte[] forged = receipt(b.publicKey(), a, 1_000).encode();
        forged[forged.length - 1] ^= 1;
        assertRefused(forged, "4.00", "BAD_SIGNATURE");
        assertRefused(receipt(NodeIdentity.generate(new SecureRandom()).publicKey(), a, 1_000).encode(), "4.03",
                "WRONG_PROVIDER");
        assertRefused(receipt(b.publicKey(), b, 900_000_000).encode(), "4.03", "SELF_SIGNED");
        assertRefused(receipt(b.publicKey(), a, 1_000).encode(), "4.03", "UNKNOWN_CONSUMER");
        assertRefused(receipt(b.publicKey(), a, 1_000, 120_000).encode(), "4.03", "FUTURE_INTERVAL");
        Path good = Files.write(dir.resolve("read-only"), receipt(b.publicKey(), a, 1_000).encode());
        CoapClientTool.Result readOnly = line.postAsAuditor(B, "/receipts", good);
        assertTrue(readOnly.stderr().contains("4.03") && readOnly.stderr().contains("may not write"), readOnly.stderr());
        assertRefused(new byte[] {(byte) 0x84, 1, 2, 3}, "4.00", "MALFORMED");

        Path file = Files.write(dir.resolve("as-json"), receipt(b.publicKey(), a, 1_000).encode());
        CoapClientTool.Result json = CoapClientTool.run(NodeLine.DTLS_CLIENT, 30, "-B", "10", "-u", NodeLine.OPERATOR,
                "-k", NodeLine.OPERATOR_KEY, "-m", "post", "-t", "50", "-f", file.toString(),
                line.node(B).coapsUri("/receipts"));
        assertTrue(json.stderr().contains("4.15"), json.stderr());

        assertTrue(list(line.get(B, "/rewards"), "accepted").isEmpty());
        NodeProcess.Result ledger = NodeProcess.runToEnd(List.of("ledger", "show", "--data-dir",
                line.dataDir(B).toString(), "--last", "100000"));
        assertEquals(0, ledger.exitCode(), ledger.stderr());
        assertFalse(ledger.stdout().contains("receipt   signed by"), ledger.stdout());
    }

    @Test
    void rewardsShowsTheConfiguredSchedule() throws Exception {
        Map<String, Object> rewards = line.get(B, "/rewards");

        assertEquals(1, number(rewards, "trusted-issuers"));
        Map<String, Object> schedule = object(rewards, "schedule");
        assertEquals(HexFormat.of().formatHex(SCHEDULE.id()), schedule.get("id"));
        assertEquals(3, number(schedule, "version"));
        assertEquals(500_000, number(schedule, "pool-micro-tokens"));
    }

    private static SignedReceipt receipt(Ed25519PublicKey provider, NodeIdentity consumer, long amount) {
        return receipt(provider, consumer, amount, 0);
    }

    /** A one-second receipt starting {@code aheadMillis} after now. */
    private static SignedReceipt receipt(Ed25519PublicKey provider, NodeIdentity consumer, long amount, long aheadMillis) {
        long start = System.currentTimeMillis() + aheadMillis;
        return SignedReceipt.sign(new ReceiptClaim(provider, consumer.publicKey(), Resource.RELAY_UP, amount, start,
                start + 1_000, new byte[16], CheckpointRef.of(0, new byte[32])), consumer);
    }

    private static void assertRefused(byte[] receipt, String code, String reason) throws Exception {
        Path file = Files.write(dir.resolve(reason), receipt);
        CoapClientTool.Result result = line.postSecurely(B, file);
        assertTrue(result.stderr().contains(code) && result.stderr().contains(reason), reason + ": " + result.stderr());
    }
}
