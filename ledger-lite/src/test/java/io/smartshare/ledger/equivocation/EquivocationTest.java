package io.smartshare.ledger.equivocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.record.MeteringSample;
import io.smartshare.ledger.storage.LedgerFiles;
import io.smartshare.ledger.storage.LogOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node that keeps two forks of its log under one key gets caught. */
class EquivocationTest {
    static final NodeIdentity KEY = NodeIdentity.fromSeed(
            HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    static final NodeIdentity WITNESS = NodeIdentity.fromSeed(
            HexFormat.of().parseHex("c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7"));
    private static final LogOptions EVERY_5 = LogOptions.defaults().withCheckpoints(5, Duration.ofHours(1));

    @TempDir
    Path dir;

    private static void fill(Ledger ledger, int count, String resource) {
        for (int i = 0; i < count; i++) {
            ledger.append(new MeteringSample(resource, i, "B", 1)).join();
        }
    }

    @Test
    void detectsTwoSignedCheckpointsOfTheSameSizeWithDifferentRootsAsPortableEvidence() {
        try (Ledger honest = LedgerFiles.open(dir.resolve("a"), KEY, EVERY_5);
                Ledger fork = LedgerFiles.open(dir.resolve("b"), KEY, EVERY_5)) {
            fill(honest, 5, "net.tx");
            fill(fork, 5, "net.rx");
            SignedCheckpoint a = honest.publishCheckpoint().join();
            SignedCheckpoint b = fork.publishCheckpoint().join();
            EquivocationDetector detector = new EquivocationDetector(KEY.publicKey());
            assertEquals(EquivocationDetector.Observation.CONSISTENT, detector.observe(a));
            EquivocationDetector.Observation seen = detector.observe(b);
            EquivocationEvidence evidence = assertInstanceOf(EquivocationDetector.Observation.Conflict.class, seen)
                    .evidence();
            assertEquals(EquivocationEvidence.Kind.SAME_SIZE_DIFFERENT_ROOTS, evidence.kind());
            EquivocationEvidence decoded = EquivocationEvidence.decode(evidence.encode());
            assertEquals(evidence, decoded);
            assertTrue(decoded.verify(KEY.publicKey()));
            assertFalse(decoded.verify(WITNESS.publicKey()));
        }
    }

    @Test
    void detectsAFailedConsistencyProofBetweenTwoSignedCheckpoints() {
        try (Ledger honest = LedgerFiles.open(dir.resolve("a"), KEY, EVERY_5);
                Ledger fork = LedgerFiles.open(dir.resolve("b"), KEY, EVERY_5)) {
            fill(honest, 5, "net.tx");
            SignedCheckpoint older = honest.publishCheckpoint().join();
            fill(fork, 12, "net.rx");
            SignedCheckpoint newer = fork.publishCheckpoint().join();
            EquivocationDetector detector = new EquivocationDetector(KEY.publicKey());
            EquivocationDetector.Observation seen = detector.checkConsistency(older, newer,
                    fork.consistencyProof(older.size(), newer.size()));
            EquivocationEvidence evidence = assertInstanceOf(EquivocationDetector.Observation.Conflict.class, seen)
                    .evidence();
            assertEquals(EquivocationEvidence.Kind.INCONSISTENT, evidence.kind());
            assertTrue(EquivocationEvidence.decode(evidence.encode()).verify(KEY.publicKey()));
            fill(honest, 7, "net.tx");
            SignedCheckpoint honestNewer = honest.publishCheckpoint().join();
            assertEquals(EquivocationDetector.Observation.CONSISTENT, detector.checkConsistency(older, honestNewer,
                    honest.consistencyProof(older.size(), honestNewer.size())));
            assertInstanceOf(EquivocationDetector.Observation.Invalid.class, detector.checkConsistency(older,
                    honestNewer, honest.consistencyProof(older.size() - 1, honestNewer.size())),
                    "a proof for other sizes is no evidence");
        }
    }

    @Test
    void witnessCosignsCheckpointsThatExtendWhatItSawAndRefusesForksAndForgeries() {
        try (Ledger honest = LedgerFiles.open(dir.resolve("a"), KEY, EVERY_5);
                Ledger fork = LedgerFiles.open(dir.resolve("b"), KEY, EVERY_5)) {
            Witness witness = new Witness("witness.example", WITNESS, KEY.publicKey());
            fill(honest, 5, "net.tx");
            SignedCheckpoint first = honest.publishCheckpoint().join();
            Witness.Outcome one = witness.cosign(first, honest.consistencyProof(0, first.size()), 1700000000L);
            SignedCheckpoint cosigned = assertInstanceOf(Witness.Cosigned.class, one).checkpoint();
            assertTrue(cosigned.isSignedBy(KEY.publicKey()));
            assertTrue(cosigned.isCosignedBy("witness.example", WITNESS.publicKey()));
            assertFalse(cosigned.isCosignedBy("witness.example", KEY.publicKey()));
            assertEquals(cosigned, SignedCheckpoint.parse(cosigned.encoded()));

            fill(honest, 6, "net.tx");
            SignedCheckpoint second = honest.publishCheckpoint().join();
            assertInstanceOf(Witness.Cosigned.class,
                    witness.cosign(second, honest.consistencyProof(first.size(), second.size()), 1700000060L));

            fill(fork, 17, "net.rx");
            SignedCheckpoint forked = fork.publishCheckpoint().join();
            Witness.Outcome caught = witness.cosign(forked, fork.consistencyProof(second.size(), forked.size()),
                    1700000120L);
            assertTrue(assertInstanceOf(Witness.Equivocation.class, caught).evidence().verify(KEY.publicKey()));

            SignedCheckpoint forged = SignedCheckpoint.sign(second.checkpoint(), WITNESS);
            assertInstanceOf(Witness.Refused.class, witness.cosign(forged,
                    honest.consistencyProof(first.size(), second.size()), 1700000180L));
        }
    }
}
