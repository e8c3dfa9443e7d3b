package io.smartshare.ledger.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.merkle.Hash;
import io.smartshare.ledger.merkle.TreeHasher;
import io.smartshare.ledger.record.CheckpointMarker;
import io.smartshare.ledger.record.MeteringSample;
import io.smartshare.ledger.record.Receipt;
import io.smartshare.ledger.record.Record;
import io.smartshare.ledger.record.RecordException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerLifecycleTest {
    @TempDir
    Path dir;

    private static final LogOptions EVERY_10 = LogOptions.defaults().withCheckpoints(10, Duration.ofHours(1));

    @Test
    void appendsChainRecordsAndReadsThemBackAfterReopen() {
        List<Record> written;
        try (Ledger ledger = LedgerFiles.open(dir, TestLogs.IDENTITY, EVERY_10)) {
            written = TestLogs.appendEach(ledger, 25);
            assertEquals(written, ledger.read(0, ledger.size()).stream()
                    .filter(r -> !(r.body() instanceof CheckpointMarker)).toList());
        }
        try (Ledger reopened = LedgerFiles.open(dir, TestLogs.IDENTITY, EVERY_10)) {
            assertTrue(reopened.recovery().isEmpty());
            List<Record> all = reopened.read(0, reopened.size());
            Hash prev = Hash.ZERO;
            for (int i = 0; i < all.size(); i++) {
                assertEquals(i, all.get(i).seq());
                assertEquals(prev, all.get(i).prev());
                prev = TreeHasher.leaf(all.get(i).encode());
            }
            assertTrue(all.containsAll(written));
        }
    }

    @Test
    void publishesSignedCheckpointsPersistedBeforeTheyAreHandedOutAndMarksThemInTheLog() throws Exception {
        try (Ledger ledger = LedgerFiles.open(dir, TestLogs.IDENTITY, EVERY_10)) {
            TestLogs.appendEach(ledger, 10);
            ledger.append(TestLogs.sample(99)).join();
            SignedCheckpoint latest = ledger.latestCheckpoint().orElseThrow();
            assertEquals(10, latest.size());
            assertTrue(latest.isSignedBy(ledger.key()));
            assertEquals(ledger.root(10), latest.root());
            assertArrayEquals(latest.encoded(), Files.readAllBytes(dir.resolve("ledger").resolve("checkpoint")));
            Record marker = ledger.read(10, 11).get(0);
            assertTrue(marker.body() instanceof CheckpointMarker m && m.size() == 10 && m.root().equals(latest.root()));
            assertEquals(List.of(10L), ledger.checkpointSizes());
            assertEquals(latest, ledger.checkpoint(10).orElseThrow());
            TestLogs.appendEach(ledger, 20);
            assertEquals(List.of(10L, 21L, 32L), ledger.checkpointSizes().subList(0, 3));
            SignedCheckpoint fromMarker = ledger.checkpoint(10).orElseThrow();
            assertTrue(fromMarker.isSignedBy(ledger.key()));
            assertEquals(latest.encoded().length, fromMarker.encoded().length);
            assertTrue(ledger.checkpoint(5).isEmpty());
        }
    }

    @Test
    void servesProofsThatVerifyAgainstItsCheckpoints() {
        try (Ledger ledger = LedgerFiles.open(dir, TestLogs.IDENTITY, EVERY_10)) {
            TestLogs.appendEach(ledger, 30);
            long n = ledger.size();
            Hash root = ledger.root(n);
            List<byte[]> encoded = ledger.readEncoded(0, n);
            for (int i = 0; i < n; i++) {
                assertTrue(ledger.inclusionProof(i, n).verify(TreeHasher.leaf(encoded.get(i)), root), "leaf " + i);
            }
            for (long size : ledger.checkpointSizes()) {
                SignedCheckpoint c = ledger.checkpoint(size).orElseThrow();
                assertTrue(ledger.consistencyProof(size, n).verify(c.root(), root), "from " + size);
            }
            assertThrows(IllegalArgumentException.class, () -> ledger.inclusionProof(0, n + 1));
        }
    }

    @Test
    void rollsOverToNewSegmentsAndReadsAcrossThem() throws Exception {
        LogOptions small = EVERY_10.withSegmentBytes(2048);
        List<Record> written;
        try (Ledger ledger = LedgerFiles.open(dir, TestLogs.IDENTITY, small)) {
            written = TestLogs.appendEach(ledger, 100);
        }
        assertTrue(Files.exists(TestLogs.segment(dir, 0)));
        try (Ledger ledger = LedgerFiles.open(dir, TestLogs.IDENTITY, small)) {
            List<Record> all = ledger.read(0, ledger.size());
            assertTrue(all.containsAll(written));
            assertEquals(written.get(57), ledger.read(written.get(57).seq(), written.get(57).seq() + 1).get(0));
            TestLogs.appendEach(ledger, 5);
        }
        try (var files = Files.list(dir.resolve("ledger"))) {
            assertTrue(files.filter(p -> p.getFileName().toString().startsWith("segment-")).count() > 3);
        }
    }

    @Test
    void groupsConcurrentAppendsAndAcknowledgesEachWithItsRecord() {
        try (Ledger ledger = LedgerFiles.open(dir, TestLogs.IDENTITY, EVERY_10)) {
            List<CompletableFuture<Record>> futures = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                futures.add(ledger.append(new MeteringSample("cpu", i, "ms", 1000)));
            }
            List<Long> quantities = new ArrayList<>();
            for (CompletableFuture<Record> f : futures) {
                Record r = f.join();
                assertTrue(r.seq() < ledger.size());
                quantities.add(((MeteringSample) r.body()).quantity());
            }
            assertEquals(500, quantities.stream().distinct().count());
        }
    }

    @Test
    void publishesATimedCheckpointWhenRecordsWaitLongerThanTheInterval() throws Exception {
        LogOptions timed = LogOptions.defaults().withCheckpoints(1_000_000, Duration.ofMillis(500));
        try (Ledger ledger = LedgerFiles.open(dir, TestLogs.IDENTITY, timed)) {
            // Queued together, the three records are synced within a few group commits, far
            // inside the 500 ms interval, so the first timed checkpoint covers all of them.
            List<CompletableFuture<Record>> appends = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                appends.add(ledger.append(TestLogs.sample(i)));
            }
            appends.forEach(CompletableFuture::join);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (ledger.latestCheckpoint().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(3, ledger.latestCheckpoint().orElseThrow().size());
        }
        try (Ledger reopened = LedgerFiles.open(dir, TestLogs.IDENTITY, timed)) {
            assertEquals(3, reopened.latestCheckpoint().orElseThrow().size());
            assertTrue(reopened.read(3, 4).get(0).body() instanceof CheckpointMarker, "marker written on close");
        }
    }

    @Test
    void acceptsValidReceiptsAndRejectsAnOversizedRecordWithoutFailingTheLog() {
        byte[] statement = "served 1 MB".getBytes(StandardCharsets.UTF_8);
        try (Ledger ledger = LedgerFiles.open(dir, TestLogs.IDENTITY, EVERY_10)) {
            Receipt receipt = new Receipt(FormatVectorsTest.PEER_KEY.publicKey(), statement,
                    FormatVectorsTest.PEER_KEY.sign(statement));
            assertEquals(receipt, ledger.append(receipt).join().body());
            CompletionException e = assertThrows(CompletionException.class,
                    () -> ledger.append(new MeteringSample("x".repeat(70_000), 1, "B", 1)).join());
            assertTrue(e.getCause() instanceof RecordException, e.toString());
            assertEquals(receipt, ledger.read(0, 1).get(0).body());
            assertFalse(ledger.append(TestLogs.sample(1)).isCompletedExceptionally());
        }
    }

    @Test
    void refusesReceiptsWhoseSignatureIsNotTheCounterpartys() {
        byte[] statement = "served 1 MB".getBytes(StandardCharsets.UTF_8);
        byte[] signedByOther = TestLogs.IDENTITY.sign(statement);
        RecordException e = assertThrows(RecordException.class,
                () -> new Receipt(FormatVectorsTest.PEER_KEY.publicKey(), statement, signedByOther));
        assertTrue(e.getMessage().contains("signature"), e.getMessage());
    }

    @Test
    void refusesAppendsAfterClose() {
        Ledger ledger = LedgerFiles.open(dir, TestLogs.IDENTITY, EVERY_10);
        ledger.close();
        CompletionException e = assertThrows(CompletionException.class, () -> ledger.append(TestLogs.sample(0)).join());
        assertTrue(e.getCause().getMessage().contains("closed"), e.getCause().getMessage());
    }

    @Test
    void refusesASecondWriterOnTheSameDirectory() {
        try (Ledger ledger = LedgerFiles.open(dir, TestLogs.IDENTITY, EVERY_10)) {
            StorageException e = assertThrows(StorageException.class,
                    () -> LedgerFiles.open(dir, TestLogs.IDENTITY, EVERY_10));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
            ledger.append(TestLogs.sample(1)).join();
        }
        try (Ledger again = LedgerFiles.open(dir, TestLogs.IDENTITY, EVERY_10)) {
            assertEquals(1, again.size());
        }
    }

    @Test
    void dropsASegmentWhoseHeaderWasCutOffWhileBeingCreated() throws Exception {
        long size;
        try (Ledger ledger = LedgerFiles.open(dir, TestLogs.IDENTITY, EVERY_10)) {
            TestLogs.appendEach(ledger, 5);
            size = ledger.size();
        }
        Path torn = TestLogs.segment(dir, size);
        Files.write(torn, new byte[] {'S', 'S', 'L'});
        try (Ledger ledger = LedgerFiles.open(dir, TestLogs.IDENTITY, EVERY_10)) {
            assertEquals(size, ledger.size());
            assertEquals(torn, ledger.recovery().orElseThrow().file());
            assertFalse(Files.exists(torn));
            assertEquals(size, ledger.append(TestLogs.sample(9)).join().seq());
        }
    }

    @Test
    void refusesToOpenWhenASegmentInTheMiddleIsMissing() throws Exception {
        LogOptions small = EVERY_10.withSegmentBytes(2048);
        try (Ledger ledger = LedgerFiles.open(dir, TestLogs.IDENTITY, small)) {
            TestLogs.appendEach(ledger, 100);
        }
        List<Path> segments = LogStores.segmentFiles(dir.resolve("ledger"));
        Files.delete(segments.get(1));
        CorruptLogException e = assertThrows(CorruptLogException.class,
                () -> LedgerFiles.open(dir, TestLogs.IDENTITY, small));
        assertEquals(segments.get(2), e.file());
        assertTrue(e.getMessage().contains("first seq"), e.getMessage());
    }
}
