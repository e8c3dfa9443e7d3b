package io.smartshare.node.rewards;

import static io.smartshare.node.testing.JsonDocument.list;
import static io.smartshare.node.testing.JsonDocument.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.ledger.merkle.ConsistencyProof;
import io.smartshare.ledger.merkle.Hash;
import io.smartshare.node.testing.NodeLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a node while it relays, meters and takes receipts, again and again: a
 * line A - B - C (C the gateway), A sends bodies to C through B, and B is killed at a random
 * moment after each. After every restart B's ledger is a consistent extension of what it had
 * acknowledged before the kill (an RFC 9162 consistency proof from B itself, checked here
 * against the root B showed before), and the receipt amounts it had accepted never go down.
 * {@code mvn verify} runs {@value #DEFAULT_ROUNDS} rounds; {@code scripts/crash-loop N} runs N
 * ({@code -Dsmartshare.crashLoop.rounds}).
 */
class CrashLoopIT {
    static final int DEFAULT_ROUNDS = 3;
    private static final int A = 0;
    private static final int B = 1;
    private static final int C = 2;

    @TempDir
    Path dir;

    @Test
    void aRelayKilledAgainAndAgainLosesNoAcknowledgedEntryAndNoAcceptedAmount() throws Exception {
        int rounds = Integer.getInteger("smartshare.crashLoop.rounds", DEFAULT_ROUNDS);
        Path body = Files.write(dir.resolve("body"), new byte[4_000]);
        Random random = new Random(2026);
        try (NodeLine line = NodeLine.start(dir, 3, "")) {
            Map<String, Long> accepted = new HashMap<>();
            for (int round = 1; round <= rounds; round++) {
                line.relay(A, C, body);
                Thread.sleep(random.nextInt(1_500)); // kill anywhere in or between metering and receipt rounds
                Map<String, Object> head = line.get(B, "/ledger/head");
                long size = number(head, "size");
                Hash root = hash(head.get("root"));
                accepted = amounts(line.get(B, "/rewards"), accepted, round, "before the kill");

                line.crashAndRestart(B);

                Map<String, Object> after = line.get(B, "/ledger/head");
                long sizeAfter = number(after, "size");
                assertTrue(sizeAfter >= size, "round " + round + ": " + size + " acknowledged, " + sizeAfter + " after");
                if (size > 0) {
                    Map<String, Object> proof = line.get(B, "/ledger/proof?from=" + size + "&to=" + sizeAfter);
                    List<Hash> path = list(proof, "path").stream().map(CrashLoopIT::hash).toList();
                    assertTrue(new ConsistencyProof(size, sizeAfter, path).verify(root, hash(after.get("root"))),
                            "round " + round + ": the log after the crash does not extend the one before");
                }
                accepted = amounts(line.get(B, "/rewards"), accepted, round, "after the restart");
                line.awaitAttached();
                System.out.printf("crash-loop round %d/%d: %d records acknowledged, %d after the restart%n", round,
                        rounds, size, sizeAfter);
            }
        }
    }

    /** The accepted amounts per consumer and resource, checked not to be below {@code before}. */
    private static Map<String, Long> amounts(Map<String, Object> rewards, Map<String, Long> before, int round,
            String when) {
        Map<String, Long> now = new HashMap<>();
        for (Object entry : list(rewards, "accepted")) {
            Map<String, Object> receipt = (Map<String, Object>) entry;
            now.put(receipt.get("consumer") + "/" + receipt.get("resource"), number(receipt, "amount"));
        }
        before.forEach((slot, amount) -> assertTrue(now.getOrDefault(slot, 0L) >= amount,
                "round " + round + ", " + when + ": " + slot + " went from " + amount + " to " + now.get(slot)));
        return now;
    }

    private static Hash hash(Object base64url) {
        return Hash.of(Base64.getUrlDecoder().decode((String) base64url));
    }
}
