package io.smartshare.node.compute;

import static io.smartshare.node.testing.JsonDocument.list;
import static io.smartshare.node.testing.JsonDocument.number;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.compute.ComputeJob;
import io.smartshare.contracts.compute.ComputeOutcome;
import io.smartshare.contracts.cose.CoseSign1;
import io.smartshare.contracts.cose.Domain;
import io.smartshare.node.testing.CoapClientTool;
import io.smartshare.node.testing.NodeLine;
import io.smartshare.node.testing.NodeProcess;
import io.smartshare.node.testing.WasmModules;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compute sharing between real node processes: a line {@code n0 - n1 - n2} where n1 is the
 * consumer, n2 an honest provider and n0 a {@link LyingProvider} (a real node whose compute
 * service changes every output). Jobs are sent with {@code smartshare-node compute run} as
 * n1's operator and verified by n1's own run; the modules are the WAT files of {@code
 * src/test/wasm}, compiled by wabt's {@code wat2wasm}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComputeIT {
    private static final int LIAR = 0;
    private static final int CONSUMER = 1;
    private static final int PROVIDER = 2;
    private static final Pattern JOB = Pattern.compile("job ([0-9a-f]{32})");

    @TempDir
    static Path dir;
    static NodeLine line;

    @BeforeAll
    static void start() throws Exception {
        line = NodeLine.start(dir, 3, "compute:\n  max-module-kb: 4\n", (node, neighbour, ports) -> ports[neighbour],
                i -> i == LIAR ? Optional.of(LyingProvider.class) : Optional.empty());
    }

    @AfterAll
    static void stop() throws Exception {
        if (line != null) {
            line.close();
        }
    }

    static NodeProcess.Result compute(String... args) throws Exception {
        return computeOn(CONSUMER, args);
    }

    /** {@code smartshare-node compute <args>} as the operator of node {@code node}. */
    static NodeProcess.Result computeOn(int node, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("compute"));
        command.addAll(List.of(args));
        command.addAll(List.of("--config", line.configFile(node).toString(), "--identity", NodeLine.OPERATOR,
                "--node", "coaps://127.0.0.1:" + line.node(node).coapsPort()));
        return NodeProcess.runToEnd(command);
    }

    static String jobId(NodeProcess.Result result) {
        Matcher m = JOB.matcher(result.stdout());
        assertTrue(m.find(), result.stdout() + result.stderr());
        return m.group(1);
    }

    static Map<String, Object> owned(String id) throws Exception {
        return list(line.get(CONSUMER, "/compute"), "owned").stream().map(o -> (Map<String, Object>) o)
                .filter(r -> id.equals(r.get("id"))).findFirst().orElseThrow();
    }

    static long cpuReceipts(int provider) throws Exception {
        return list(line.get(provider, "/rewards"), "accepted").stream().map(o -> (Map<String, Object>) o)
                .filter(r -> "cpu".equals(r.get("resource"))).mapToLong(r -> number(r, "amount")).sum();
    }

    /** FNV-1a 32 over {@code data}, {@code rounds} times, as checksum.wat computes it. */
    static int fnv(byte[] data, int rounds) {
        int h = 0x811c9dc5;
        for (int r = 0; r < rounds; r++) {
            for (byte b : data) {
                h = (h ^ (b & 0xff)) * 0x01000193;
            }
        }
        return h;
    }

    @Test
    @Order(1)
    void aJobRunsIsVerifiedAndPaid() throws Exception {
        byte[] input = WasmSandboxTest.rounds(400, "x".repeat(1000));
        Path inputFile = Files.write(dir.resolve("input"), input);
        Path out = dir.resolve("output.txt");
        NodeProcess.Result run = compute("run", WasmModules.file("checksum").toString(), "--input",
                inputFile.toString(), "--on", line.id(PROVIDER), "--out", out.toString());
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        String id = jobId(run);
        String output = Files.readString(out, StandardCharsets.US_ASCII);
        assertEquals(String.format("%08x", fnv(input, 400)), output.substring(0, 8), output);
        Map<String, Object> job = owned(id);
        assertEquals("verified", job.get("state"));
        assertEquals(List.of("local"), job.get("verifiers"));
        long instructions = number(job, "instructions");
        assertTrue(instructions > 5_000_000, "about 13 instructions a byte: " + instructions);
        line.await(PROVIDER, "/rewards", doc -> {
            try {
                return cpuReceipts(PROVIDER) == instructions / 10_000;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        NodeProcess.Result ledger = NodeProcess.runToEnd(List.of("ledger", "show", "--data-dir",
                line.dataDir(PROVIDER).toString(), "--last", "100000"));
        assertTrue(ledger.stdout().contains("cpu " + instructions / 10_000 + " ms cumulative"), ledger.stdout());
        Map<String, Object> provided = line.get(PROVIDER, "/compute");
        assertEquals(instructions, number(provided, "instructions-provided"));
        NodeProcess.Result jobs = compute("jobs");
        assertEquals(0, jobs.exitCode(), jobs.stderr());
        assertTrue(jobs.stdout().contains("owned " + id + " on " + line.id(PROVIDER) + " verified by [local] verified "
                + instructions + " instructions"), jobs.stdout());
        NodeProcess.Result show = compute("show", id.substring(0, 8));
        assertEquals(0, show.exitCode(), show.stderr());
        assertTrue(show.stdout().contains("state: verified") && show.stdout().contains("id: " + id), show.stdout());
        assertEquals(1, compute("show", "ffffffff").exitCode(), "no such job");
        NodeProcess.Result status = NodeProcess.runToEnd(List.of("status", line.node(PROVIDER).coapUri("")));
        assertTrue(status.stdout().lines().anyMatch(l -> l.startsWith("services  ") && l.contains("compute")),
                status.stdout());
    }

    @Test
    @Order(2)
    void theSameJobInAnotherJvmGivesTheSameResultRecordByteForByte() throws Exception {
        Path jobs = line.dataDir(PROVIDER).resolve("compute").resolve("jobs");
        Path done;
        try (var list = Files.list(jobs)) {
            done = list.filter(p -> Files.exists(p.resolve("result.cose"))).findFirst().orElseThrow();
        }
        ComputeJob job = ComputeJob.decode(Files.readAllBytes(done.resolve("job.cose")));
        byte[] provider = CoseSign1.decode(Domain.COMPUTE_RESULT, Files.readAllBytes(done.resolve("result.cose")))
                .payload();
        byte[] input = WasmSandboxTest.rounds(400, "x".repeat(1000));
        JobRunner.Run here = new WasmSandbox(4096, 65_536, CpuShare.of(100, 1)).run(WasmModules.bytes("checksum"),
                input, job.task()).orElseThrow();
        assertArrayEquals(provider, here.result().payload(), "the provider's JVM and this one");
    }

    @Test
    @Order(3)
    void aProviderReturningAWrongOutputIsCaughtAndEarnsNothing() throws Exception {
        long verifiedBefore = number(line.get(CONSUMER, "/compute"), "instructions-verified");
        Path input = Files.write(dir.resolve("small"), WasmSandboxTest.rounds(50, "y".repeat(500)));
        NodeProcess.Result run = compute("run", WasmModules.file("checksum").toString(), "--input", input.toString(),
                "--on", line.id(LIAR));
        assertEquals(1, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(run.stderr().contains("disagreed"), run.stderr());
        String id = jobId(run);
        assertEquals("disagreed", owned(id).get("state"));
        assertEquals(verifiedBefore, number(line.get(CONSUMER, "/compute"), "instructions-verified"));
        NodeProcess.Result ledger = NodeProcess.runToEnd(List.of("ledger", "show", "--data-dir",
                line.dataDir(CONSUMER).toString(), "--last", "100000"));
        assertTrue(ledger.stdout().contains("compute results disagree " + id), ledger.stdout());
        Thread.sleep(3_000); // receipts go out every second: none may come for the liar's job
        assertEquals(0, cpuReceipts(LIAR), "the liar ran the job but is paid nothing");
        assertTrue(number(line.get(LIAR, "/compute"), "instructions-provided") > 0, "it did run it");
    }

    @Test
    @Order(4)
    void anInfiniteLoopStopsAtTheFuelLimitAndAMemoryBombAtThePageLimit() throws Exception {
        NodeProcess.Result loop = compute("run", WasmModules.file("loop").toString(), "--on", line.id(PROVIDER),
                "--fuel", "2000000");
        assertEquals(0, loop.exitCode(), loop.stdout() + loop.stderr());
        Map<String, Object> looped = owned(jobId(loop));
        assertEquals(ComputeOutcome.FUEL_EXHAUSTED.label(), looped.get("outcome"));
        assertEquals(2_000_000L, number(looped, "instructions"));
        NodeProcess.Result bomb = compute("run", WasmModules.file("bomb").toString(), "--on", line.id(PROVIDER),
                "--pages", "24");
        assertEquals(0, bomb.exitCode(), bomb.stdout() + bomb.stderr());
        String id = jobId(bomb);
        assertEquals(ComputeOutcome.MEMORY_LIMIT.label(), owned(id).get("outcome"));
        Map<String, Object> ran = list(line.get(PROVIDER, "/compute"), "jobs").stream().map(o -> (Map<String, Object>) o)
                .filter(r -> ComputeOutcome.MEMORY_LIMIT.label().equals(r.get("outcome"))).findFirst().orElseThrow();
        assertEquals(17L, number(ran, "peak-pages"), "1 + 16; the next 16 would pass 24");
    }

    @Test
    @Order(5)
    void malformedOversizedAndForbiddenModulesAreRefusedBeforeTheyRun() throws Exception {
        long ranBefore = number(line.get(PROVIDER, "/compute"), "jobs-run");
        Path junk = Files.write(dir.resolve("junk.wasm"), "\0asm\1\0\0\0 this is no module".getBytes(
                StandardCharsets.ISO_8859_1));
        NodeProcess.Result malformed = compute("run", junk.toString(), "--on", line.id(PROVIDER));
        assertEquals(1, malformed.exitCode());
        assertTrue(malformed.stderr().contains("MALFORMED"), malformed.stderr());
        NodeProcess.Result forbidden = compute("run", WasmModules.file("forbidden").toString(), "--on",
                line.id(PROVIDER));
        assertEquals(1, forbidden.exitCode());
        assertTrue(forbidden.stderr().contains("FORBIDDEN_IMPORT: wasi_snapshot_preview1.sock_accept"),
                forbidden.stderr());
        Path big = Files.write(dir.resolve("big.wasm"), new byte[5_000]);
        NodeProcess.Result oversized = compute("run", big.toString(), "--on", line.id(PROVIDER));
        assertEquals(1, oversized.exitCode());
        assertTrue(oversized.stderr().contains("at most 4096"), oversized.stderr());
        assertEquals(ranBefore, number(line.get(PROVIDER, "/compute"), "jobs-run"), "none of them ran");
        assertFalse(line.node(PROVIDER).log().contains("compute-job-done id=" + jobIdOrNone(forbidden)));
    }

    private static String jobIdOrNone(NodeProcess.Result result) {
        Matcher m = JOB.matcher(result.stdout());
        return m.find() ? m.group(1) : "none";
    }

    @Test
    @Order(6)
    void aJobReachesAProviderThroughARelay() throws Exception {
        // n0 is an honest consumer (only its provider side lies); n2 is two hops away, through n1
        Path input = Files.write(dir.resolve("relayed"), WasmSandboxTest.rounds(20, "z".repeat(300)));
        NodeProcess.Result run = computeOn(LIAR, "run", WasmModules.file("checksum").toString(), "--input",
                input.toString(), "--on", line.id(PROVIDER));
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        String id = jobId(run);
        assertTrue(list(line.get(PROVIDER, "/compute"), "jobs").stream().map(o -> (Map<String, Object>) o)
                .anyMatch(r -> line.id(LIAR).equals(r.get("consumer")) && "done".equals(r.get("state"))),
                "n2 ran n0's job " + id);
    }

    @Test
    @Order(7)
    void coapMonitoringAnswersDuringALongJob() throws Exception {
        Thread job = new Thread(() -> {
            try {
                compute("run", WasmModules.file("loop").toString(), "--on", line.id(PROVIDER), "--fuel", "60000000");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        job.start();
        line.await(PROVIDER, "/compute", doc -> list(doc, "jobs").stream().map(o -> (Map<String, Object>) o)
                .anyMatch(r -> "running".equals(r.get("state"))));
        int answered = 0;
        for (int i = 0; i < 10; i++) {
            CoapClientTool.Result health = CoapClientTool.run(NodeLine.CLIENT, 10, "-B", "5",
                    line.node(PROVIDER).coapUri("/health"));
            if (health.exitCode() == 0 && health.text().contains("\"status\"")) {
                answered++;
            }
        }
        boolean stillRunning = list(line.get(PROVIDER, "/compute"), "jobs").stream().map(o -> (Map<String, Object>) o)
                .anyMatch(r -> "running".equals(r.get("state")));
        assertEquals(10, answered, "every /health answered while the job ran");
        assertTrue(stillRunning, "the job was still running after ten requests");
        job.join(120_000);
    }
}
