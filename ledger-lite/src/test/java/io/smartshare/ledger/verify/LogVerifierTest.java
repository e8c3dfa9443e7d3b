package io.smartshare.ledger.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.merkle.Hash;
import io.smartshare.ledger.merkle.TreeHasher;
import io.smartshare.ledger.record.MeteringSample;
import io.smartshare.ledger.record.Record;
import io.smartshare.ledger.storage.LedgerFiles;
import io.smartshare.ledger.storage.LogOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogVerifierTest {
    static final NodeIdentity KEY = NodeIdentity.fromSeed(
            HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    static final NodeIdentity OTHER = NodeIdentity.fromSeed(
            HexFormat.of().parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"));

    @TempDir
    Path dir;
    private byte[] export;
    private List<byte[]> encoded;
    private SignedCheckpoint latest;

    @BeforeEach
    void writeLog() throws Exception {
        try (Ledger ledger = LedgerFiles.open(dir, KEY, LogOptions.defaults().withCheckpoints(8, Duration.ofHours(1)))) {
            for (int i = 0; i < 40; i++) {
                ledger.append(new MeteringSample("net.tx", i, "B", 1000)).join();
            }
            latest = ledger.publishCheckpoint().join();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ledger.export(out);
            export = out.toByteArray();
            encoded = ledger.readEncoded(0, ledger.size());
        }
    }

    @Test
    void acceptsAnExportedLogCheckingEveryCheckpointMarker() throws Exception {
        LogVerifier verifier = new LogVerifier(KEY.publicKey());
        assertTrue(verifier.expect(latest).isEmpty());
        VerificationResult result = verifier.verify(new ByteArrayInputStream(export));
        VerificationResult.Accepted accepted = (VerificationResult.Accepted) result;
        assertEquals(encoded.size(), accepted.size());
        assertTrue(accepted.size() >= latest.size());
        assertTrue(accepted.checkpointsVerified() >= 5, "markers plus the supplied checkpoint");
        assertEquals(latest, accepted.latestCheckpoint().orElseThrow());
    }

    @Test
    void rejectsALogThatEndsBeforeASuppliedCheckpoint() {
        LogVerifier truncated = new LogVerifier(KEY.publicKey());
        truncated.expect(latest);
        for (byte[] record : encoded.subList(0, (int) latest.size() - 1)) {
            truncated.next(record);
        }
        VerificationResult.Rejected r = (VerificationResult.Rejected) truncated.result();
        assertTrue(r.reason().contains("before the supplied checkpoint"), r.reason());
    }

    @Test
    void rejectsACheckpointSignedByAnotherKey() {
        SignedCheckpoint forged = SignedCheckpoint.sign(latest.checkpoint(), OTHER);
        VerificationResult.Rejected r = new LogVerifier(KEY.publicKey()).expect(forged).orElseThrow();
        assertTrue(r.reason().contains("not signed"), r.reason());
    }

    @Test
    void rejectsADamagedFrame() throws Exception {
        byte[] damaged = export.clone();
        damaged[damaged.length - 5] ^= 4;
        VerificationResult.Rejected r = (VerificationResult.Rejected) new LogVerifier(KEY.publicKey())
                .verify(new ByteArrayInputStream(damaged));
        assertEquals(encoded.size() - 1, r.seq());
        assertTrue(r.reason().contains("CRC32C"), r.reason());
    }

    @Test
    void rejectsARewrittenRecordEvenWithAFreshCrcAndNamesTheSeq() {
        LogVerifier verifier = new LogVerifier(KEY.publicKey());
        for (int i = 0; i < encoded.size(); i++) {
            byte[] record = encoded.get(i);
            if (i == 3) {
                Record original = Record.decode(record);
                record = new Record(3, original.prev(), original.timeMillis(),
                        new MeteringSample("net.tx", 1_000_000, "B", 1000)).encode();
            }
            if (verifier.next(record).isPresent()) {
                break;
            }
        }
        VerificationResult.Rejected r = (VerificationResult.Rejected) verifier.result();
        assertEquals(4, r.seq());
        assertTrue(r.reason().startsWith("prev"), r.reason());
    }

    @Test
    void rejectsARecordWhoseChainedHashesAreRecomputedAtTheNextCheckpointMarker() {
        LogVerifier verifier = new LogVerifier(KEY.publicKey());
        Hash prev = Hash.ZERO;
        for (int i = 0; i < encoded.size(); i++) {
            Record original = Record.decode(encoded.get(i));
            Record rewritten = new Record(i, prev, original.timeMillis(), i == 2
                    ? new MeteringSample("net.tx", 1_000_000, "B", 1000) : original.body());
            byte[] bytes = rewritten.encode();
            prev = TreeHasher.leaf(bytes);
            if (verifier.next(bytes).isPresent()) {
                break;
            }
        }
        VerificationResult.Rejected r = (VerificationResult.Rejected) verifier.result();
        assertEquals(8, r.seq());
        assertTrue(r.reason().contains("checkpoint marker: root"), r.reason());
    }

    @Test
    void verifiesOneEntryByInclusionProofAgainstASignedCheckpoint() {
        try (Ledger ledger = LedgerFiles.open(dir, KEY)) {
            long n = latest.size();
            VerificationResult ok = LogVerifier.verifyEntry(KEY.publicKey(), latest, encoded.get(5),
                    ledger.inclusionProof(5, n));
            assertTrue(ok.accepted());
            VerificationResult wrongEntry = LogVerifier.verifyEntry(KEY.publicKey(), latest, encoded.get(6),
                    ledger.inclusionProof(5, n));
            assertFalse(wrongEntry.accepted());
            VerificationResult wrongKey = LogVerifier.verifyEntry(OTHER.publicKey(), latest, encoded.get(5),
                    ledger.inclusionProof(5, n));
            assertFalse(wrongKey.accepted());
        }
    }

    @Test
    void rejectsALogFromAnotherKey() throws Exception {
        VerificationResult r = new LogVerifier(OTHER.publicKey()).verify(new ByteArrayInputStream(export));
        assertTrue(((VerificationResult.Rejected) r).reason().contains("segment header"));
    }

    @Test
    void verifiesADataDirectoryInPlaceAndHandsEachRecordToTheListener() throws Exception {
        List<Record> seen = new java.util.ArrayList<>();
        VerificationResult result = new LogVerifier(KEY.publicKey()).verifyDirectory(dir.resolve("ledger"), seen::add);
        assertTrue(result.accepted(), result.toString());
        assertTrue(seen.size() >= encoded.size(), "close may add the latest checkpoint's marker");
        for (int i = 0; i < encoded.size(); i++) {
            assertEquals(Record.decode(encoded.get(i)), seen.get(i));
        }
    }

    @Test
    void verifiesTheDirectoryOfALogThatIsOpenForWriting() throws Exception {
        try (Ledger ledger = LedgerFiles.open(dir, KEY)) {
            ledger.append(new MeteringSample("cpu", 1, "ms", 1)).join();
            VerificationResult result = new LogVerifier(KEY.publicKey()).verifyDirectory(dir.resolve("ledger"),
                    r -> { });
            assertTrue(result.accepted(), result.toString());
            assertTrue(((VerificationResult.Accepted) result).size() >= encoded.size() + 1);
        }
    }

    @Test
    void rejectsADataDirectoryWithARewrittenCheckpoint() throws Exception {
        Path checkpoint = dir.resolve("ledger").resolve("checkpoint");
        java.nio.file.Files.write(checkpoint, SignedCheckpoint.sign(new io.smartshare.ledger.checkpoint.Checkpoint(
                latest.origin(), latest.size(), Hash.ZERO), KEY).encoded());
        VerificationResult.Rejected r = (VerificationResult.Rejected) new LogVerifier(KEY.publicKey())
                .verifyDirectory(dir.resolve("ledger"), x -> { });
        assertTrue(r.reason().contains("supplied checkpoint"), r.reason());
    }

    @Test
    void verifiesARangeOfEntriesByTheirHashChainAndOneInclusionProof() {
        try (Ledger ledger = LedgerFiles.open(dir, KEY)) {
            long n = latest.size();
            List<byte[]> range = encoded.subList(10, 20);
            assertTrue(LogVerifier.verifyRange(KEY.publicKey(), latest, range, ledger.inclusionProof(19, n))
                    .accepted());
            List<byte[]> gap = new java.util.ArrayList<>(range);
            gap.remove(4);
            gap.add(encoded.get(20));
            VerificationResult.Rejected r = (VerificationResult.Rejected) LogVerifier.verifyRange(KEY.publicKey(),
                    latest, gap, ledger.inclusionProof(20, n));
            assertEquals(11, r.seq());
            List<byte[]> forged = new java.util.ArrayList<>(range);
            Record original = Record.decode(forged.get(3));
            forged.set(3, new Record(13, original.prev(), original.timeMillis(),
                    new MeteringSample("net.tx", 999_999, "B", 1000)).encode());
            VerificationResult.Rejected f = (VerificationResult.Rejected) LogVerifier.verifyRange(KEY.publicKey(),
                    latest, forged, ledger.inclusionProof(19, n));
            assertEquals(14, f.seq());
            assertTrue(f.reason().startsWith("prev"), f.reason());
        }
    }
}
