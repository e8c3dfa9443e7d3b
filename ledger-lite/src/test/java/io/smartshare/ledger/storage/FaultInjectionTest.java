package io.smartshare.ledger.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.record.Record;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultInjectionTest {
    @TempDir
    Path dir;

    private final FaultyFileIo io = new FaultyFileIo();
    private final LogOptions options = LogOptions.defaults().withCheckpoints(10, Duration.ofHours(1)).withFileIo(io);

    @Test
    void anFsyncErrorFailsTheLogForGoodWithoutRetryingAndKeepsSyncedRecordsReadable() {
        List<Record> acknowledged;
        try (Ledger ledger = LedgerFiles.open(dir, TestLogs.IDENTITY, options)) {
            acknowledged = TestLogs.appendEach(ledger, 5);
            io.failFsync.set(true);
            long fsyncsBefore = io.fsyncs.get();
            CompletionException e = assertThrows(CompletionException.class,
                    () -> ledger.append(TestLogs.sample(5)).join());
            assertTrue(e.getCause().getMessage().contains("fsync failed"), e.getCause().getMessage());
            assertTrue(e.getCause().getMessage().contains("segment-"), e.getCause().getMessage());
            io.failFsync.set(false);
            CompletionException later = assertThrows(CompletionException.class,
                    () -> ledger.append(TestLogs.sample(6)).join());
            assertTrue(later.getCause().getMessage().contains("has failed"), later.getCause().getMessage());
            assertEquals(fsyncsBefore + 1, io.fsyncs.get(), "the failed fsync is not retried");
            assertEquals(5, ledger.size());
            assertEquals(acknowledged, ledger.read(0, 5));
        }
        try (Ledger reopened = LedgerFiles.open(dir, TestLogs.IDENTITY, options)) {
            assertTrue(reopened.size() >= 5);
            assertEquals(acknowledged, reopened.read(0, 5));
            reopened.append(TestLogs.sample(7)).join();
        }
    }

    @Test
    void pendingAppendsFailTooWhenTheirBatchFsyncFails() {
        try (Ledger ledger = LedgerFiles.open(dir, TestLogs.IDENTITY, options)) {
            TestLogs.appendEach(ledger, 1);
            io.failFsync.set(true);
            List<CompletableFuture<Record>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(ledger.append(TestLogs.sample(i)));
            }
            for (CompletableFuture<Record> f : futures) {
                assertThrows(CompletionException.class, f::join);
            }
            assertEquals(1, ledger.size());
        }
    }

    @Test
    void aFullDiskGivesAClearErrorAndWhatIsStoredStaysReadableAndReopens() {
        List<Record> acknowledged;
        try (Ledger ledger = LedgerFiles.open(dir, TestLogs.IDENTITY, options)) {
            acknowledged = TestLogs.appendEach(ledger, 12);
            io.spaceLeft.set(30);
            CompletionException e = assertThrows(CompletionException.class,
                    () -> ledger.append(TestLogs.sample(99)).join());
            String message = e.getCause().getMessage();
            assertTrue(message.contains("disk full (ENOSPC)"), message);
            assertTrue(message.contains("segment-"), message);
            long size = ledger.size();
            assertEquals(acknowledged, ledger.read(0, size).stream()
                    .filter(r -> acknowledged.contains(r)).toList());
            assertEquals(10, ledger.latestCheckpoint().orElseThrow().size());
            assertThrows(CompletionException.class, () -> ledger.append(TestLogs.sample(100)).join());
        }
        io.spaceLeft.set(-1);
        try (Ledger reopened = LedgerFiles.open(dir, TestLogs.IDENTITY, options)) {
            assertTrue(reopened.recovery().isPresent(), "the torn tail is cut");
            assertTrue(reopened.read(0, reopened.size()).containsAll(acknowledged));
            reopened.append(TestLogs.sample(101)).join();
        }
    }
}
