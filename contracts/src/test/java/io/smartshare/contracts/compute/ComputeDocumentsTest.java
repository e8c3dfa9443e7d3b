package io.smartshare.contracts.compute;

import static io.smartshare.contracts.Fixtures.filled;
import static io.smartshare.contracts.Fixtures.hex;
import static io.smartshare.contracts.Fixtures.identity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.cose.CoseSign1;
import io.smartshare.ledger.identity.NodeIdentity;
import org.junit.jupiter.api.Test;

class ComputeDocumentsTest {
    static final NodeIdentity CONSUMER = identity(0x41);
    static final NodeIdentity PROVIDER = identity(0x42);
    static final NodeIdentity OTHER = identity(0x43);
    /** The vector of docs/contracts.md §17.4. */
    static final ComputeTask TASK = new ComputeTask(filled(1, 32), 554, filled(2, 32), 1004, 10_000_000, 4,
            1_767_225_600_000L, filled(3, 16));
    static final ComputeJob JOB = ComputeJob.sign(CONSUMER, PROVIDER.publicKey(), TASK, 5, filled(4, 16));
    static final ComputeResult RESULT = new ComputeResult(TASK.hash(), TASK.moduleHash(), TASK.inputHash(),
            filled(5, 32), 43, 5_212_345, ComputeOutcome.EXITED, 0, 2);

    /** Computed independently by {@code contracts/src/test/python/compute_vectors.py}. */
    @Test
    void vectors() {
        assertEquals("581eafa3fa6a64c51b91bfe36b4806d03a461b5663c990584cc6ff147fad5a3e", hex(TASK.hash()));
        assertEquals("a60001015820db995fe25169d141cab9bbba92baa01f9f2e1ece7df4cb2ac05190f37fcc1f9d0258202152f8d19b791d"
                + "24453242e15f2eab6cb7cffa7b6a5ed30097960e069881db1203a800582001010101010101010101010101010101010101"
                + "010101010101010101010101010119022a025820020202020202020202020202020202020202020202020202020202020202"
                + "0202031903ec041a009896800504061b0000019b76daa8000750030303030303030303030303030303030405055004040404"
                + "040404040404040404040404", hex(JOB.signed().payload()));
        assertEquals("c2f01195288f7e39907b1476a8a82e80", JOB.idHex());
        assertEquals("aa0001015820581eafa3fa6a64c51b91bfe36b4806d03a461b5663c990584cc6ff147fad5a3e0258200101010101010101"
                + "010101010101010101010101010101010101010101010101035820020202020202020202020202020202020202020202020202"
                + "0202020202020202045820050505050505050505050505050505050505050505050505050505050505050505182b061a004f"
                + "88b9070008000902", hex(RESULT.payload()));
        assertEquals("7432bd4fe8b42df548b5d81141fb4926181d82f7823f5c471a144c09ce6756b27e6665f8f26746e0cde7a099c823a0c2"
                + "a0db9dba81a6cc485f09dc7ee5ffbd05", hex(RESULT.sign(PROVIDER).signature()));
    }

    @Test
    void aProviderAcceptsOnlyJobsForItSignedByTheirConsumer() {
        assertEquals(JOB.idHex(), ComputeJob.accept(JOB.encode(), PROVIDER.publicKey()).orElseThrow().idHex());
        assertEquals(ComputeRejection.WRONG_PROVIDER, ComputeJob.accept(JOB.encode(), OTHER.publicKey()).rejection()
                .get().reason());
        CoseSign1 forged = CoseSign1.sign(io.smartshare.contracts.cose.Domain.COMPUTE_JOB, JOB.signed().payload(), OTHER);
        assertEquals(ComputeRejection.BAD_SIGNATURE, ComputeJob.accept(forged.encode(), PROVIDER.publicKey())
                .rejection().get().reason());
        assertEquals(ComputeRejection.MALFORMED, ComputeJob.accept(new byte[] {1, 2, 3}, PROVIDER.publicKey())
                .rejection().get().reason());
        assertEquals(ComputeRejection.MALFORMED, ComputeJob.accept(RESULT.sign(PROVIDER).encode(),
                PROVIDER.publicKey()).rejection().get().reason(), "a result is no job: another domain");
    }

    @Test
    void aConsumerAcceptsOnlyTheProvidersSignedResultForItsTaskWithinItsLimits() {
        assertTrue(RESULT.agrees(ComputeResult.check(RESULT.sign(PROVIDER).encode(), PROVIDER.publicKey(), TASK)
                .orElseThrow()));
        assertEquals(ComputeRejection.BAD_SIGNATURE, ComputeResult.check(RESULT.sign(OTHER).encode(),
                PROVIDER.publicKey(), TASK).rejection().get().reason());
        ComputeTask other = new ComputeTask(filled(1, 32), 554, filled(2, 32), 1004, 10_000_000, 4, 1_767_225_600_001L,
                filled(3, 16));
        assertEquals(ComputeRejection.NOT_THE_TASK, ComputeResult.check(RESULT.sign(PROVIDER).encode(),
                PROVIDER.publicKey(), other).rejection().get().reason());
        ComputeResult overFuel = new ComputeResult(TASK.hash(), TASK.moduleHash(), TASK.inputHash(), filled(5, 32), 43,
                10_000_001, ComputeOutcome.FUEL_EXHAUSTED, 0, 2);
        assertEquals(ComputeRejection.NOT_THE_TASK, ComputeResult.check(overFuel.sign(PROVIDER).encode(),
                PROVIDER.publicKey(), TASK).rejection().get().reason());
    }

    @Test
    void resultsAgreeOnlyByteForByte() {
        ComputeResult oneMore = new ComputeResult(TASK.hash(), TASK.moduleHash(), TASK.inputHash(), filled(5, 32), 43,
                5_212_346, ComputeOutcome.EXITED, 0, 2);
        assertFalse(RESULT.agrees(oneMore));
        assertTrue(RESULT.agrees(ComputeResult.decode(RESULT.payload())));
    }

    @Test
    void evidenceNamesTheJobAndItsReason() {
        var entry = ComputeEvidence.ledgerEntry(JOB.id(), RESULT.sign(PROVIDER), RESULT.sign(CONSUMER), 77, "differ",
                CONSUMER);
        ComputeEvidence.Summary summary = ComputeEvidence.read(entry);
        assertEquals(JOB.idHex(), summary.jobId());
        assertEquals(77, summary.atMillis());
        assertEquals("differ", summary.reason());
    }

    @Test
    void tasksCheckTheirLimits() {
        assertThrows(ContractException.class, () -> new ComputeTask(filled(1, 32), 0, filled(2, 32), 0, 1, 1, 0,
                filled(3, 16)));
        assertThrows(ContractException.class, () -> new ComputeTask(filled(1, 32), 1, filled(2, 32), 0, 0, 1, 0,
                filled(3, 16)));
        assertThrows(ContractException.class, () -> new ComputeTask(filled(1, 32), 1, filled(2, 32), 0, 1, 65_537, 0,
                filled(3, 16)));
        assertThrows(ContractException.class, () -> ComputeJob.sign(CONSUMER, CONSUMER.publicKey(), TASK, 1,
                filled(4, 16)));
    }

    @Test
    void unitsConvertCumulativeInstructions() {
        assertEquals(521, ComputeUnits.cpuMillis(5_212_345));
        assertEquals(26, ComputeUnits.due(5_212_345, 5));
        assertEquals(Long.MAX_VALUE, ComputeUnits.due(Long.MAX_VALUE, Long.MAX_VALUE));
    }
}
