package io.smartshare.ledger.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.record.MeteringSample;
import io.smartshare.ledger.record.Record;
import io.smartshare.ledger.verify.LogVerifier;
import io.smartshare.ledger.verify.VerificationResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random moments: a real child JVM appends and prints each acknowledged seq; after
 * SIGKILL the log is reopened and every acknowledged record must be there, unchanged, with
 * a whole or absent tail. Rounds: {@code -Dledger.crash.rounds}: 40 in
 * {@code mvn verify}, more with scripts/crash-ledger. The log grows every round and every
 * round verifies all of it, so a round costs more the longer the run.
 */
class CrashIT {
    private static final int ROUNDS = Integer.getInteger("ledger.crash.rounds", 40);

    @TempDir
    Path dataDir;
    @TempDir
    Path outputDir;

    @Test
    void everyAcknowledgedAppendSurvivesKillMinus9AtRandomMoments() throws Exception {
        Random random = new Random(Long.getLong("ledger.crash.seed", System.nanoTime()));
        NodeIdentity identity = NodeIdentity.fromSeed(HexFormat.of().parseHex(CrashChild.SEED));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long totalAcked = 0;
        int killedBeforeReady = 0;
        Path output = outputDir.resolve("child.out");
        for (int round = 0; round < ROUNDS; round++) {
            Files.deleteIfExists(output);
            long base = (long) round * 1_000_000_000L;
            Process child = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k",
                    "-Xshare:auto", "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
                    dataDir.toString(), Long.toString(base))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).redirectOutput(output.toFile()).start();
            boolean early = random.nextInt(5) == 0;
            if (early) {
                Thread.sleep(random.nextInt(400));
                killedBeforeReady += isReady(output) ? 0 : 1;
            } else {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!isReady(output) && child.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertTrue(isReady(output), "child did not start in round " + round);
                Thread.sleep(random.nextInt(60));
            }
            child.destroyForcibly();
            child.waitFor();
            Map<Long, Long> acked = acks(output);
            totalAcked += acked.size();
            check(identity, acked, round);
        }
        System.out.println("CrashIT: " + ROUNDS + " rounds, " + totalAcked + " acknowledged appends checked, "
                + killedBeforeReady + " kills during open/recovery");
        assertTrue(totalAcked > 0, "the child acknowledged nothing in " + ROUNDS + " rounds");
    }

    private static boolean isReady(Path output) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(output, StandardCharsets.US_ASCII)) {
            String first = in.readLine();
            return first != null && first.startsWith("READY");
        }
    }

    /** seq to quantity of every complete ACK line the child wrote before it died. */
    private static Map<Long, Long> acks(Path output) throws IOException {
        Map<Long, Long> acked = new HashMap<>();
        for (String line : Files.readAllLines(output, StandardCharsets.US_ASCII)) {
            String[] parts = line.split(" ");
            if (parts.length == 3 && parts[0].equals("ACK")) {
                acked.put(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
            }
        }
        return acked;
    }

    private void check(NodeIdentity identity, Map<Long, Long> acked, int round) throws Exception {
        try (Ledger ledger = LedgerFiles.open(dataDir, identity, CrashChild.OPTIONS)) {
            long size = ledger.size();
            long maxAcked = acked.keySet().stream().mapToLong(Long::longValue).max().orElse(-1);
            assertTrue(size > maxAcked, "round " + round + ": seq " + maxAcked + " was acknowledged, log has "
                    + size + " records");
            if (!acked.isEmpty()) {
                long minAcked = acked.keySet().stream().mapToLong(Long::longValue).min().orElseThrow();
                List<Record> records = ledger.read(minAcked, maxAcked + 1);
                for (Record r : records) {
                    Long quantity = acked.get(r.seq());
                    if (quantity != null) {
                        assertEquals(quantity.longValue(), ((MeteringSample) r.body()).quantity(),
                                "round " + round + ": record " + r.seq() + " changed");
                    }
                }
            }
        }
        VerificationResult verdict = new LogVerifier(identity.publicKey())
                .verifyDirectory(dataDir.resolve("ledger"), r -> { });
        assertTrue(verdict.accepted(), "round " + round + ": " + verdict);
    }
}
