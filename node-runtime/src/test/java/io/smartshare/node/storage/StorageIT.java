package io.smartshare.node.storage;

import static io.smartshare.node.testing.JsonDocument.list;
import static io.smartshare.node.testing.JsonDocument.number;
import static io.smartshare.node.testing.JsonDocument.object;
import static io.smartshare.node.storage.StorageCli.owned;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.schedule.RateTerms;
import io.smartshare.contracts.schedule.RewardSchedule;
import io.smartshare.node.testing.JsonDocument;
import io.smartshare.node.testing.NodeLine;
import io.smartshare.node.testing.NodeProcess;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage sharing between two real node processes, owner A and holder B (the gateway), with
 * audits every second: a put is audited, paid by receipts in B's ledger and settled; {@code
 * get} returns the same bytes and B's disk never holds the plaintext; a byte flipped on B's
 * disk is caught by the audits, recorded as evidence and stops the pay; a put over B's share
 * is refused and leaves nothing on either node.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StorageIT {
    private static final int A = 0;
    private static final int B = 1;

    @TempDir
    static Path dir;
    static NodeLine line;

    @BeforeAll
    static void start() throws Exception {
        line = NodeLine.startWithSchedule(dir, 2, new RewardSchedule(1, 0, 1_000_000,
                Map.of(Resource.STORAGE, new RateTerms(1000, 1, 500_000))),
                "storage:\n  audit-seconds: 1\n  quota-mb: 8\n");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (line != null) {
            line.close();
        }
    }

    @Test
    @Order(1)
    void aPutIsAuditedPaidAndRetrievedIdenticallyAndTheHolderNeverSeesPlaintext() throws Exception {
        Path file = StorageCli.plainFile(dir, "two-mb", 2_000_000, 1);
        String id = StorageCli.put(line, A, file, B);
        line.await(A, "/storage", doc -> number(owned(doc, id), "paid-mb-s") > 0
                && number(object(owned(doc, id), "audits"), "passed") >= 3);
        line.await(B, "/rewards", doc -> storageReceipts(doc) > 0);

        Path back = dir.resolve("two-mb.back");
        NodeProcess.Result got = StorageCli.storage(line, A, "get", id, "--out", back.toString());
        assertEquals(0, got.exitCode(), got.stdout() + got.stderr());
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(back));
        StorageCli.assertNoPlaintextUnder(line.dataDir(B));

        NodeProcess.Result listed = StorageCli.storage(line, A, "list");
        assertTrue(listed.stdout().contains("id " + id + " on " + line.id(B)) && listed.stdout().contains("stored"),
                listed.stdout());
        NodeProcess.Result deleted = StorageCli.storage(line, A, "delete", id);
        assertEquals(0, deleted.exitCode(), deleted.stderr());
        assertEquals(0L, number(line.get(B, "/storage"), "used-bytes"), "deleting freed the share");
        long paid = number(owned(line.get(A, "/storage"), id), "paid-mb-s");
        Thread.sleep(2_500);
        assertEquals(paid, number(owned(line.get(A, "/storage"), id), "paid-mb-s"), "no pay after the delete");
    }

    @Test
    @Order(2)
    void aFlippedByteIsCaughtRecordedAsEvidenceAndStopsThePay() throws Exception {
        Path file = StorageCli.plainFile(dir, "three-leaves", 10_000, 2);
        String id = StorageCli.put(line, A, file, B);
        line.await(A, "/storage", doc -> number(object(owned(doc, id), "audits"), "passed") >= 1);
        try (RandomAccessFile content = new RandomAccessFile(line.dataDir(B).resolve("storage").resolve(id)
                .resolve("content").toFile(), "rw")) {
            content.seek(4_096 + 100); // leaf 1 of 3: each audit catches it with probability 1/3
            int b = content.read();
            content.seek(4_096 + 100);
            content.write(b ^ 0x01);
        }
        Map<String, Object> stopped = line.await(A, "/storage",
                doc -> number(object(owned(doc, id), "audits"), "failed") == 1);
        assertEquals("stopped", owned(stopped, id).get("state"));
        long paid = number(owned(stopped, id), "paid-mb-s");
        Thread.sleep(3_000);
        Map<String, Object> later = owned(line.get(A, "/storage"), id);
        assertEquals(paid, number(later, "paid-mb-s"), "no pay after the failed audit");
        assertEquals(1L, number(object(later, "audits"), "failed"), "no audits after it");
        assertTrue(line.node(A).log().contains("event=storage-audit id=" + id + " verdict=failed leaf=1"),
                line.node(A).log());
        NodeProcess.Result ledger = NodeProcess.runToEnd(List.of("ledger", "show", "--data-dir",
                line.dataDir(A).toString(), "--last", "100000"));
        assertTrue(ledger.stdout().contains("storage audit failed " + id), ledger.stdout());
        StorageCli.storage(line, A, "delete", id);
    }

    @Test
    @Order(3)
    void aPutOverTheHoldersShareIsRefusedAndLeavesNothing() throws Exception {
        List<Path> before = StorageCli.files(line.dataDir(B).resolve("storage"));
        Path file = StorageCli.plainFile(dir, "nine-mb", 9_000_000, 3);
        NodeProcess.Result refused = StorageCli.storage(line, A, "put", file.toString(), "--on", line.id(B), "--days", "1");
        assertEquals(1, refused.exitCode(), refused.stdout() + refused.stderr());
        assertTrue(refused.stderr().contains("4.13") && refused.stderr().contains("OVER_SHARE"), refused.stderr());
        assertEquals(before, StorageCli.files(line.dataDir(B).resolve("storage")), "nothing new at the holder");
        try (Stream<Path> owned = Files.list(line.dataDir(A).resolve(OwnedContents.DIRECTORY))) {
            assertTrue(owned.noneMatch(p -> p.getFileName().toString().endsWith(".sealing")), "no sealed copy left");
        }
    }

    @Test
    @Order(4)
    void theHoldersStorageReceiptsArePaidBySettlement() throws Exception {
        NodeProcess.Result ledger = NodeProcess.runToEnd(List.of("ledger", "show", "--data-dir",
                line.dataDir(B).toString(), "--last", "100000"));
        assertTrue(ledger.stdout().contains("storage") && ledger.stdout().contains("MB*s cumulative"), ledger.stdout());
        line.stopAll();
        NodeProcess.Result settled = NodeProcess.runToEnd(List.of("rewards", "settle", "--config",
                line.configFile(B).toString(), "--epoch", "0", "--data-dir", line.dataDir(B).toString(), "--members",
                line.dataDir(A).toString()));
        assertEquals(0, settled.exitCode(), settled.stderr());
        String row = settled.stdout().lines().filter(l -> l.startsWith(line.id(B))).findFirst()
                .orElseThrow(() -> new AssertionError("B earned nothing:\n" + settled.stdout()));
        assertTrue(Long.parseLong(row.trim().split("\\s+")[3]) > 0, "the schedule pays storage only: " + row);
        assertFalse(settled.stdout().contains(line.id(A)), "A held nothing for B:\n" + settled.stdout());
    }

    static long storageReceipts(Map<String, Object> rewards) {
        return JsonDocument.<Map<String, Object>>list(rewards, "accepted").stream()
                .filter(r -> "storage".equals(r.get("resource"))).mapToLong(r -> number(r, "amount")).sum();
    }
}
