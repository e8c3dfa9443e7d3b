package io.smartshare.node.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.compute.ComputeJob;
import io.smartshare.contracts.compute.ComputeOutcome;
import io.smartshare.contracts.compute.ComputeTask;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.testing.SeededIdentities;
import io.smartshare.node.testing.WasmModules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderJobsTest {
    private static final NodeIdentity PROVIDER = SeededIdentities.identity(1);
    private static final NodeIdentity CONSUMER = SeededIdentities.identity(2);
    private static final ProviderJobs.Limits LIMITS = new ProviderJobs.Limits(4096, 4096, 32, 1_000_000_000L, 2);

    @TempDir
    Path dir;
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final List<Runnable> queued = new ArrayList<>();
    private InstructionTotals provided;
    private ProviderJobs jobs;

    @BeforeEach
    void open() throws Exception {
        provided = InstructionTotals.open(dir.resolve("provided.cbor"));
        jobs = reopen();
    }

    private ProviderJobs reopen() throws Exception {
        return ProviderJobs.open(dir, LIMITS, PROVIDER, new WasmSandbox(4096, 4096, CpuShare.of(100, 1)),
                queued::add, clock::get, provided);
    }

    private static ComputeJob job(byte[] module, byte[] input, long fuel, int pages, int nonce) {
        ComputeTask task = WasmSandboxTest.task(module, input, fuel, pages);
        byte[] n = new byte[16];
        n[0] = (byte) nonce;
        return ComputeJob.sign(CONSUMER, PROVIDER.publicKey(), task, 5, n);
    }

    private static byte[] data(byte[] module, byte[] input) {
        byte[] all = Arrays.copyOf(module, module.length + input.length);
        System.arraycopy(input, 0, all, module.length, input.length);
        return all;
    }

    @Test
    void takesTheDataInOrderRunsTheJobAndKeepsItsSignedResult() throws Exception {
        byte[] module = WasmModules.bytes("checksum");
        byte[] input = WasmSandboxTest.rounds(2, "abc");
        ComputeJob job = job(module, input, 1_000_000, 4, 1);
        assertEquals(ProviderJobs.State.RECEIVING, jobs.submit(job).orElseThrow().state());
        byte[] all = data(module, input);
        assertEquals(ProviderJobs.Refusal.OUT_OF_ORDER, jobs.write(job.idHex(), 5, all).rejection().get().reason());
        assertEquals(300, jobs.write(job.idHex(), 0, Arrays.copyOf(all, 300)).orElseThrow().received());
        ProviderJobs.Job queuedJob = jobs.write(job.idHex(), 300, Arrays.copyOfRange(all, 300, all.length)).orElseThrow();
        assertEquals(ProviderJobs.State.QUEUED, queuedJob.state());
        assertEquals(1, queued.size());
        queued.get(0).run();
        ProviderJobs.Job done = jobs.find(job.idHex()).orElseThrow();
        assertEquals(ProviderJobs.State.DONE, done.state());
        assertEquals(ComputeOutcome.EXITED, done.result().orElseThrow().outcome());
        assertEquals(done.result().get().instructions(), provided.all().get(CONSUMER.publicKey()));
        byte[] output = jobs.output(job.idHex(), 0, 8192).orElseThrow();
        assertEquals(done.result().get().outputSize(), output.length);
        assertArrayEquals(Arrays.copyOfRange(output, 10, 20), jobs.output(job.idHex(), 10, 10).orElseThrow());
        assertEquals(ProviderJobs.State.DONE, reopen().find(job.idHex()).orElseThrow().state(), "kept over a restart");
        assertEquals(done.result().get().instructions(), InstructionTotals.open(dir.resolve("provided.cbor")).sum());
    }

    @Test
    void dataWithAnotherHashIsDroppedAndMustBeSentAgain() throws Exception {
        byte[] module = WasmModules.bytes("loop");
        ComputeJob job = job(module, new byte[0], 100, 1, 2);
        jobs.submit(job);
        byte[] wrong = module.clone();
        wrong[wrong.length - 1] ^= 1;
        Outcome<ProviderJobs.Job, ProviderJobs.Refusal> mismatch = jobs.write(job.idHex(), 0, wrong);
        assertEquals(ProviderJobs.Refusal.MISMATCH, mismatch.rejection().get().reason());
        assertEquals(0, jobs.find(job.idHex()).orElseThrow().received());
        assertEquals(ProviderJobs.State.QUEUED, jobs.write(job.idHex(), 0, module).orElseThrow().state());
    }

    @Test
    void aModuleThatMayNotRunIsRefusedOnArrivalAndNeverQueued() throws Exception {
        byte[] module = WasmModules.bytes("forbidden");
        ComputeJob job = job(module, new byte[0], 100, 1, 3);
        jobs.submit(job);
        ProviderJobs.Job refused = jobs.write(job.idHex(), 0, module).orElseThrow();
        assertEquals(ProviderJobs.State.REFUSED, refused.state());
        assertTrue(refused.refusal().startsWith("FORBIDDEN_IMPORT"), refused.refusal());
        assertTrue(queued.isEmpty());
        assertEquals(ProviderJobs.State.REFUSED, reopen().find(job.idHex()).orElseThrow().state());
    }

    @Test
    void refusesJobsBeyondItsLimitsAndQueue() throws Exception {
        byte[] module = WasmModules.bytes("loop");
        assertEquals(ProviderJobs.Refusal.TOO_LARGE, jobs.submit(job(new byte[5000], new byte[0], 100, 1, 4))
                .rejection().get().reason());
        assertEquals(ProviderJobs.Refusal.TOO_LARGE, jobs.submit(job(module, new byte[0], 100, 33, 5)).rejection()
                .get().reason());
        assertEquals(ProviderJobs.Refusal.TOO_LARGE, jobs.submit(job(module, new byte[0], 2_000_000_000L, 1, 6))
                .rejection().get().reason());
        jobs.submit(job(module, new byte[0], 100, 1, 7));
        jobs.submit(job(module, new byte[0], 100, 1, 8));
        assertEquals(ProviderJobs.Refusal.QUEUE_FULL, jobs.submit(job(module, new byte[0], 100, 1, 9)).rejection()
                .get().reason());
        ComputeJob again = job(module, new byte[0], 100, 1, 7);
        assertEquals(ProviderJobs.State.RECEIVING, jobs.submit(again).orElseThrow().state(), "a retransmission");
        assertEquals(ProviderJobs.Refusal.TOO_LARGE, jobs.write(again.idHex(), 0, new byte[module.length + 1])
                .rejection().get().reason());
        assertEquals(ProviderJobs.Refusal.UNKNOWN, jobs.write("00".repeat(16), 0, module).rejection().get().reason());
    }

    @Test
    void dropsJobsWhoseDataStopsComingAndUnfinishedJobsAtARestart() throws Exception {
        byte[] module = WasmModules.bytes("loop");
        ComputeJob stalled = job(module, new byte[0], 100, 1, 10);
        jobs.submit(stalled);
        clock.addAndGet(ProviderJobs.IDLE_MILLIS);
        jobs.expire();
        assertTrue(jobs.find(stalled.idHex()).isEmpty());
        assertTrue(Files.notExists(dir.resolve(ProviderJobs.DIRECTORY).resolve(stalled.idHex())));
        ComputeJob queuedJob = job(module, new byte[0], 100, 1, 11);
        jobs.submit(queuedJob);
        jobs.write(queuedJob.idHex(), 0, module);
        assertTrue(reopen().find(queuedJob.idHex()).isEmpty(), "a queued job is dropped: its consumer sends it again");
    }
}
