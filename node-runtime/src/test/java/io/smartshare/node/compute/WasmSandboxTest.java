package io.smartshare.node.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.Sha256;
import io.smartshare.contracts.compute.ComputeOutcome;
import io.smartshare.contracts.compute.ComputeTask;
import io.smartshare.node.testing.WasmModules;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class WasmSandboxTest {
    static final long CLOCK = 1_767_225_600_000L; // 2026-01-01T00:00Z
    private final WasmSandbox sandbox = new WasmSandbox(64 * 1024, 4096, CpuShare.of(100, 1));

    static ComputeTask task(byte[] module, byte[] input, long fuel, int pages) {
        return new ComputeTask(Sha256.of(module), module.length, Sha256.of(input), input.length, fuel, pages, CLOCK,
                new byte[16]);
    }

    static byte[] rounds(int rounds, String text) {
        byte[] body = text.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(4 + body.length).order(ByteOrder.LITTLE_ENDIAN).putInt(rounds).put(body).array();
    }

    private JobRunner.Run run(String name, byte[] input, long fuel, int pages) throws Exception {
        byte[] module = WasmModules.bytes(name);
        return sandbox.run(module, input, task(module, input, fuel, pages)).orElseThrow();
    }

    @Test
    void runsAJobOnItsInputWithTheTasksClockAndRandomness() throws Exception {
        JobRunner.Run run = run("checksum", rounds(3, "hello"), 10_000_000, 4);
        String line = new String(run.output(), StandardCharsets.US_ASCII);
        String[] parts = line.strip().split(" ");
        assertEquals(3, parts.length, line);
        assertEquals(Long.toHexString(CLOCK * 1_000_000), parts[2].replaceFirst("^0+", ""), "the task's clock, in ns");
        assertEquals(ComputeOutcome.EXITED, run.result().outcome());
        assertEquals(0, run.result().exitCode());
        assertEquals(2, run.result().peakPages());
        assertArrayEquals(Sha256.of(run.output()), run.result().outputHash());
        assertTrue(run.result().instructions() > 100, "instructions counted: " + run.result().instructions());
    }

    /**
     * docs/compute.md, "Test vectors": the output line is computed independently by {@code
     * node-runtime/src/test/python/compute_sandbox_vector.py}; the result bytes follow from it
     * and the instruction count, which is Chicory 1.7.5's count of this module (wabt 1.0.32).
     */
    @Test
    void theSandboxVector() throws Exception {
        byte[] module = WasmModules.bytes("checksum");
        byte[] input = rounds(3, "hello");
        assertEquals("0300000068656c6c6f", HexFormat.of().formatHex(input));
        ComputeTask task = task(module, input, 10_000_000, 4);
        assertEquals("130595df9b001f81b8c9321076c57e14544aa11d423be373a13d6713d4429c40",
                HexFormat.of().formatHex(task.hash()));
        JobRunner.Run run = sandbox.run(module, input, task).orElseThrow();
        assertEquals("32e8f5b0 d4d95138bb20b460 18867251edfa0000\n", new String(run.output(), StandardCharsets.US_ASCII));
        assertEquals(1916, run.result().instructions());
        assertEquals("aa0001015820130595df9b001f81b8c9321076c57e14544aa11d423be373a13d6713d4429c400258"
                + "20ee9a2ab2a0ac5113f4390a4cf7be4892590af8161266d45398f0aa6c12693f9a0358203a89c00dcc4638ea6b942c"
                + "930c22fbbbf7d54267a22220526282e368765ff182045820d80bea765d2ce23f70533b991658cbacb0ad81f447b668"
                + "cf868d77f273ed3fc605182b0619077c070008000902", HexFormat.of().formatHex(run.result().payload()));
    }

    @Test
    void theSameTaskGivesTheSameResultBytes() throws Exception {
        JobRunner.Run first = run("checksum", rounds(5, "same input"), 10_000_000, 4);
        JobRunner.Run second = run("checksum", rounds(5, "same input"), 10_000_000, 4);
        assertArrayEquals(first.result().payload(), second.result().payload());
        JobRunner.Run other = run("checksum", rounds(6, "same input"), 10_000_000, 4);
        assertTrue(other.result().instructions() > first.result().instructions(), "one round more, more instructions");
    }

    @Test
    void anotherSeedGivesOtherRandomBytes() throws Exception {
        byte[] module = WasmModules.bytes("checksum");
        byte[] input = rounds(1, "x");
        ComputeTask a = task(module, input, 1_000_000, 4);
        byte[] seed = new byte[16];
        seed[15] = 1;
        ComputeTask b = new ComputeTask(a.moduleHash(), a.moduleSize(), a.inputHash(), a.inputSize(), a.fuel(),
                a.memoryPages(), a.clockMillis(), seed);
        String randomA = new String(sandbox.run(module, input, a).orElseThrow().output()).split(" ")[1];
        String randomB = new String(sandbox.run(module, input, b).orElseThrow().output()).split(" ")[1];
        assertTrue(!randomA.equals(randomB), randomA + " vs " + randomB);
    }

    @Test
    void anInfiniteLoopStopsExactlyAtItsFuel() throws Exception {
        JobRunner.Run run = run("loop", new byte[0], 123_457, 1);
        assertEquals(ComputeOutcome.FUEL_EXHAUSTED, run.result().outcome());
        assertEquals(123_457, run.result().instructions());
        assertEquals(0, run.result().outputSize());
    }

    @Test
    void aMemoryBombStopsAtThePageLimit() throws Exception {
        JobRunner.Run run = run("bomb", new byte[0], 1_000_000, 40);
        assertEquals(ComputeOutcome.MEMORY_LIMIT, run.result().outcome());
        assertEquals(33, run.result().peakPages(), "1 + 2 x 16 pages; the third grow of 16 would pass 40");
    }

    @Test
    void exitCodesAndTrapsAreOutcomes() throws Exception {
        JobRunner.Run exit = run("exit", new byte[0], 1_000, 1);
        assertEquals(ComputeOutcome.EXITED, exit.result().outcome());
        assertEquals(3, exit.result().exitCode());
        assertEquals("bye\n", new String(exit.output(), StandardCharsets.US_ASCII));
        assertEquals(ComputeOutcome.TRAPPED, run("trap", new byte[0], 1_000, 1).result().outcome());
    }

    @Test
    void outputBeyondTheBoundStopsTheJob() throws Exception {
        JobRunner.Run run = run("chatty", new byte[0], 1_000_000, 1);
        assertEquals(ComputeOutcome.OUTPUT_LIMIT, run.result().outcome());
        assertEquals(4096, run.result().outputSize());
    }

    @Test
    void refusesModulesThatImportMoreThanWasiStdioClocksAndRandomness() throws Exception {
        for (String name : new String[] {"forbidden", "host"}) {
            byte[] module = WasmModules.bytes(name);
            ModuleCheck.Refused refused = assertThrows(ModuleCheck.Refused.class,
                    () -> sandbox.run(module, new byte[0], task(module, new byte[0], 1_000, 1)));
            assertTrue(refused.getMessage().startsWith("FORBIDDEN_IMPORT"), refused.getMessage());
        }
    }

    @Test
    void refusesMalformedOversizedAndTooLargeModules() throws Exception {
        byte[] junk = "\0asm not really".getBytes(StandardCharsets.US_ASCII);
        assertTrue(assertThrows(ModuleCheck.Refused.class, () -> sandbox.run(junk, new byte[0],
                task(junk, new byte[0], 1_000, 1))).getMessage().startsWith("MALFORMED"));
        byte[] big = new byte[64 * 1024 + 1];
        assertTrue(assertThrows(ModuleCheck.Refused.class, () -> sandbox.run(big, new byte[0],
                task(big, new byte[0], 1_000, 1))).getMessage().startsWith("OVERSIZED"));
        byte[] checksum = WasmModules.bytes("checksum");
        assertTrue(assertThrows(ModuleCheck.Refused.class, () -> sandbox.run(checksum, new byte[0],
                task(checksum, new byte[0], 1_000, 1))).getMessage().startsWith("MEMORY"), "starts with 2 pages");
    }
}
