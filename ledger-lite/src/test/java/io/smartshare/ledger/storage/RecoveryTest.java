package io.smartshare.ledger.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.merkle.Hash;
import io.smartshare.ledger.merkle.TreeHasher;
import io.smartshare.ledger.record.Record;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damage the files of a closed log and reopen it: recovery never accepts a bad record,
 * never drops a synced record before the damage, and refuses to open when damage is
 * covered by the signed checkpoint.
 */
class RecoveryTest {
    private static final LogOptions OPTIONS = LogOptions.defaults().withCheckpoints(10, Duration.ofHours(1));
    private static final int CHECKPOINT = 10;

    @TempDir
    Path base;
    private Path original;
    private List<Record> records;
    private List<Long> offsets;

    /** A log of 10 checkpointed records, the marker at 10 and 4 more synced records after it. */
    @BeforeEach
    void writeLog() throws IOException {
        original = base.resolve("original");
        try (Ledger ledger = LedgerFiles.open(original, TestLogs.IDENTITY, OPTIONS)) {
            TestLogs.appendEach(ledger, CHECKPOINT);
            TestLogs.appendEach(ledger, 4);
            records = ledger.read(0, ledger.size());
        }
        assertEquals(CHECKPOINT + 5, records.size());
        offsets = TestLogs.frameOffsets(TestLogs.segment(original, 0));
    }

    private Path copy(String name) {
        Path copy = base.resolve(name);
        TestLogs.copyTree(original, copy);
        return copy;
    }

    private static void truncate(Path file, long length) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(length);
        }
    }

    @Test
    void keepsEveryWholeFrameWhenTheFileIsCutAtAnyByteOfTheFramesAfterTheCheckpoint() throws IOException {
        long from = offsets.get(CHECKPOINT);
        long end = offsets.get(offsets.size() - 1);
        for (long cut = from; cut <= end; cut++) {
            Path dir = copy("cut-" + cut);
            truncate(TestLogs.segment(dir, 0), cut);
            int whole = 0;
            while (whole + 1 < offsets.size() && offsets.get(whole + 1) <= cut) {
                whole++;
            }
            try (Ledger ledger = LedgerFiles.open(dir, TestLogs.IDENTITY, OPTIONS)) {
                long size = ledger.size();
                assertEquals(Math.max(whole, CHECKPOINT), size, "cut at " + cut);
                assertEquals(records.subList(0, (int) size), ledger.read(0, size), "cut at " + cut);
                assertEquals(cut != offsets.get(whole), ledger.recovery().isPresent(), "cut at " + cut);
                if (ledger.recovery().isPresent()) {
                    assertEquals(offsets.get(whole), ledger.recovery().get().offset(), "cut at " + cut);
                }
                Record next = ledger.append(TestLogs.sample(7)).join();
                assertEquals(size + (size == CHECKPOINT ? 1 : 0), next.seq(), "appends continue after cut " + cut);
            }
        }
    }

    @Test
    void refusesToOpenNamingFileAndOffsetWhenACheckpointedFrameIsCut() throws IOException {
        for (int frame = CHECKPOINT - 2; frame < CHECKPOINT; frame++) {
            Path dir = copy("short-" + frame);
            Path segment = TestLogs.segment(dir, 0);
            truncate(segment, offsets.get(frame) + 3);
            CorruptLogException e = assertThrows(CorruptLogException.class,
                    () -> LedgerFiles.open(dir, TestLogs.IDENTITY, OPTIONS));
            assertEquals(segment, e.file());
            assertEquals(offsets.get(frame), e.offset(), e.getMessage());
            assertTrue(e.getMessage().contains(segment.toString()), e.getMessage());
        }
    }

    /**
     * A flipped bit is either refused (naming the segment and the damaged frame's offset)
     * or, only in the very last frame where it is indistinguishable from a torn write, cut
     * off; no other acknowledged record is ever dropped and no damaged one accepted.
     */
    @Test
    void neverAcceptsAFlippedBitAndNeverDropsAnAcknowledgedRecordBeforeTheLastFrame() throws IOException {
        Random random = new Random(20261122);
        Path originalSegment = TestLogs.segment(original, 0);
        long length = Files.size(originalSegment);
        for (int round = 0; round < 300; round++) {
            long position = random.nextInt((int) length);
            int bit = random.nextInt(8);
            Path dir = copy("flip-" + round);
            Path segment = TestLogs.segment(dir, 0);
            try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
                f.seek(position);
                int b = f.read();
                f.seek(position);
                f.write(b ^ (1 << bit));
            }
            String what = "bit " + bit + " at " + position;
            if (position < SegmentHeader.LENGTH) {
                CorruptLogException e = assertThrows(CorruptLogException.class,
                        () -> LedgerFiles.open(dir, TestLogs.IDENTITY, OPTIONS), what);
                assertEquals(segment, e.file(), what);
                continue;
            }
            int frame = 0;
            while (offsets.get(frame + 1) <= position) {
                frame++;
            }
            boolean lastFrame = frame == records.size() - 1;
            if (!lastFrame) {
                CorruptLogException e = assertThrows(CorruptLogException.class,
                        () -> LedgerFiles.open(dir, TestLogs.IDENTITY, OPTIONS), what);
                assertEquals(segment, e.file(), what);
                assertEquals(offsets.get(frame), e.offset(), what);
                assertEquals(Files.size(originalSegment), Files.size(segment), what + ": the files are left as they are");
            } else {
                try (Ledger ledger = LedgerFiles.open(dir, TestLogs.IDENTITY, OPTIONS)) {
                    assertEquals(frame, ledger.size(), what);
                    assertEquals(records.subList(0, frame), ledger.read(0, frame), what);
                    assertEquals(offsets.get(frame), ledger.recovery().orElseThrow().offset(), what);
                }
            }
        }
    }

    @Test
    void rebuildsALostOrDamagedTreeFileFromTheRecords() throws IOException {
        Path lost = copy("lost");
        Files.delete(lost.resolve("ledger").resolve("tree.hashes"));
        Path damaged = copy("damaged");
        try (RandomAccessFile f = new RandomAccessFile(damaged.resolve("ledger").resolve("tree.hashes").toFile(),
                "rw")) {
            f.seek(40);
            f.write(0xff);
        }
        Path unchecked = copy("unchecked");
        Files.delete(unchecked.resolve("ledger").resolve("tree.check"));
        Path tornCheck = copy("torn-check");
        truncate(tornCheck.resolve("ledger").resolve("tree.check"), 8);
        for (Path dir : List.of(lost, damaged, unchecked, tornCheck)) {
            try (Ledger ledger = LedgerFiles.open(dir, TestLogs.IDENTITY, OPTIONS)) {
                assertEquals(records.size(), ledger.size());
                assertEquals(ledger.latestCheckpoint().orElseThrow().root(), ledger.root(CHECKPOINT));
                assertTrue(ledger.consistencyProof(CHECKPOINT, ledger.size())
                        .verify(ledger.root(CHECKPOINT), ledger.root(ledger.size())));
            }
            assertEquals(16, Files.size(dir.resolve("ledger").resolve("tree.check")), "the rebuilt tree is vouched for");
        }
    }

    @Test
    void findsADamagedStoredHashBelowTheSignedRootAndRebuildsTheTreeFileSoEveryProofHolds() throws IOException {
        long storedHashes = TreeFile.storedFor(CHECKPOINT);
        for (long hash = 0; hash < storedHashes; hash++) {
            Path damaged = copy("damaged-hash-" + hash);
            try (RandomAccessFile f = new RandomAccessFile(damaged.resolve("ledger").resolve("tree.hashes").toFile(),
                    "rw")) {
                f.seek(hash * 32 + 7);
                f.write(f.readByte() ^ 0x10);
            }
            try (Ledger ledger = LedgerFiles.open(damaged, TestLogs.IDENTITY, OPTIONS)) {
                long size = ledger.size();
                Hash root = ledger.root(size);
                List<byte[]> encoded = ledger.readEncoded(0, size);
                for (int i = 0; i < size; i++) {
                    assertTrue(ledger.inclusionProof(i, size).verify(TreeHasher.leaf(encoded.get(i)), root),
                            "proof of record " + i + " after damaging stored hash " + hash);
                }
                assertEquals(ledger.latestCheckpoint().orElseThrow().root(), ledger.root(CHECKPOINT));
            }
        }
    }

    @Test
    void refusesALogWhoseCheckpointIsSignedByAnotherKeyOrWhoseSegmentsAreAnotherNodes() throws IOException {
        Path dir = copy("other-key");
        var other = FormatVectorsTest.PEER_KEY;
        CorruptLogException e = assertThrows(CorruptLogException.class, () -> LedgerFiles.open(dir, other, OPTIONS));
        assertTrue(e.getMessage().contains("checkpoint"), e.getMessage());
        Files.delete(dir.resolve("ledger").resolve("checkpoint"));
        CorruptLogException e2 = assertThrows(CorruptLogException.class, () -> LedgerFiles.open(dir, other, OPTIONS));
        assertTrue(e2.getMessage().contains("key"), e2.getMessage());
        assertFalse(Files.exists(dir.resolve("ledger").resolve("checkpoint.tmp")));
    }
}
