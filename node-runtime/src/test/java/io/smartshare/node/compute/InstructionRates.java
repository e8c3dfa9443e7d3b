package io.smartshare.node.compute;

import static io.smartshare.node.bench.BenchKit.bench;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import io.smartshare.contracts.compute.ComputeTask;
import io.smartshare.contracts.compute.ComputeUnits;
import io.smartshare.node.testing.WasmModules;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * scripts/bench-compute, first part, run in a JVM with the device's options: instructions per
 * second of checksum.wat (FNV-1a over 4 KiB, many rounds) metered as the node runs jobs
 * ({@link WasmSandbox}: the execution listener counting fuel, the CPU share cap not applied),
 * against Chicory's interpreter running the same module on the same input with no listener,
 * and against Chicory's compiler (WebAssembly to JVM bytecode, unmetered), in the same JVM.
 * The instruction count of all three is the metered run's: the same module on the same input
 * executes the same instructions. Each is run {@value #RUNS} times, alternating, after a
 * warm-up; the median is printed.
 */
public final class InstructionRates {
    static final int RUNS = 7;
    static final int ROUNDS = 400;

    private InstructionRates() {
    }

    public static void main(String[] args) throws Exception {
        byte[] module = WasmModules.bytes("checksum");
        byte[] input = WasmSandboxTest.rounds(ROUNDS, "r".repeat(4092));
        ComputeTask task = WasmSandboxTest.task(module, input, Long.MAX_VALUE, 4);
        WasmSandbox sandbox = new WasmSandbox(1 << 20, 1 << 16, CpuShare.of(100, 1));
        long instructions = sandbox.run(module, input, task).orElseThrow().result().instructions();
        WasmModule parsed = Parser.parse(module);
        LongSupplier metered = () -> time(() -> sandbox.run(module, input, task));
        LongSupplier interpreted = () -> time(() -> instance(parsed, task, input, false).export("_start").apply());
        LongSupplier compiled = () -> time(() -> instance(parsed, task, input, true).export("_start").apply());
        for (LongSupplier warmUp : List.of(metered, interpreted, compiled)) {
            warmUp.getAsLong();
        }
        List<Long> m = new ArrayList<>();
        List<Long> i = new ArrayList<>();
        List<Long> c = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            m.add(metered.getAsLong());
            i.add(interpreted.getAsLong());
            c.add(compiled.getAsLong());
        }
        double ours = instructions / (median(m) / 1e9) / 1e6;
        double plain = instructions / (median(i) / 1e9) / 1e6;
        double jit = instructions / (median(c) / 1e9) / 1e6;
        System.out.printf(Locale.ROOT, "rates: %d instructions a run; metered %.1f, interpreter %.1f, compiler %.1f"
                + " million a second (median of %d)%n", instructions, ours, plain, jit, RUNS);
        bench("compute-metered-instructions-per-second", ours, plain, "M/s",
                ">=0.8 of Chicory's unmetered interpreter, same JVM");
        bench("compute-metered-vs-compiler", ours, jit, "M/s", "none (Chicory's compiler, unmetered: informative)");
        bench("compute-instructions-per-cpu-ms", ours * 1_000, ComputeUnits.INSTRUCTIONS_PER_CPU_MILLI, "",
                "none (the fixed unit of the cpu resource against this machine's metered rate)");
    }

    private static Instance instance(WasmModule module, ComputeTask task, byte[] input, boolean compile) {
        Instance.Builder builder = Instance.builder(module).withImportValues(DeterministicWasi.imports(task, input,
                new ByteArrayOutputStream())).withStart(false);
        if (compile) {
            builder.withMachineFactory(MachineFactoryCompiler.compile(module));
        }
        return builder.build();
    }

    private interface Work {
        void run() throws Exception;
    }

    private static long time(Work work) {
        long start = System.nanoTime();
        try {
            work.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return System.nanoTime() - start;
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
