package io.smartshare.ledger.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.record.MeteringSample;
import io.smartshare.ledger.record.Record;
import io.smartshare.ledger.storage.LedgerFiles;
import io.smartshare.ledger.storage.LogOptions;
import io.smartshare.ledger.storage.LogStores;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LogVerifier#verifyDirectoryReadingAhead} agrees with the one-thread verifier. */
class ReadAheadVerificationTest {
    /** More records than several read-ahead chunks, spread over several segments. */
    private static final int RECORDS = 5 * ReadAhead.CHUNK_STEPS + 7;

    @TempDir
    Path dir;
    private Path ledgerDir;

    @BeforeEach
    void writeLog() {
        LogOptions options = LogOptions.defaults().withCheckpoints(300, Duration.ofHours(1)).withSegmentBytes(64 * 1024);
        try (Ledger ledger = LedgerFiles.open(dir, LogVerifierTest.KEY, options)) {
            List<CompletableFuture<Record>> appended = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                appended.add(ledger.append(new MeteringSample("net.tx", i, "B", 1000)));
            }
            appended.forEach(CompletableFuture::join);
        }
        ledgerDir = dir.resolve("ledger");
    }

    @Test
    void acceptsWhatOneThreadAcceptsAndHandsOverTheSameRecordsInOrder() throws Exception {
        assertTrue(LogStores.segmentFiles(ledgerDir).size() >= 3, "the log spans several segments");
        List<Record> oneThread = new ArrayList<>();
        VerificationResult expected = new LogVerifier(LogVerifierTest.KEY.publicKey()).verifyDirectory(ledgerDir,
                oneThread::add);
        List<Record> readingAhead = new ArrayList<>();
        VerificationResult result = new LogVerifier(LogVerifierTest.KEY.publicKey())
                .verifyDirectoryReadingAhead(ledgerDir, readingAhead::add);

        assertTrue(result.accepted(), result.toString());
        assertEquals(expected, result);
        assertTrue(((VerificationResult.Accepted) result).checkpointsVerified() >= 2, "markers checked on the way");
        assertEquals(oneThread, readingAhead);
    }

    @Test
    void rejectsADamagedFrameInAMiddleSegmentLikeOneThreadAndStopsReading() throws Exception {
        Path middle = LogStores.segmentFiles(ledgerDir).get(1);
        try (FileChannel channel = FileChannel.open(middle, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            flipByte(channel, channel.size() / 2);
        }
        VerificationResult expected = new LogVerifier(LogVerifierTest.KEY.publicKey()).verifyDirectory(ledgerDir,
                r -> { });
        VerificationResult result = new LogVerifier(LogVerifierTest.KEY.publicKey())
                .verifyDirectoryReadingAhead(ledgerDir, r -> { });

        assertFalse(result.accepted());
        assertEquals(expected, result);
        assertTrue(((VerificationResult.Rejected) result).reason().startsWith(middle.toString()), result.toString());
        assertFalse(readerThreadAlive(), "the read-ahead thread stops with the verdict");
    }

    private static void flipByte(FileChannel channel, long position) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1);
        channel.read(b, position);
        b.put(0, (byte) (b.get(0) ^ 0x40)).rewind();
        channel.write(b, position);
    }

    private static boolean readerThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("ledger-verify-read") && t.isAlive());
    }
}
