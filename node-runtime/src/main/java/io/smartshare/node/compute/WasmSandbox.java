package io.smartshare.node.compute;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.WasmModule;
import io.smartshare.contracts.Sha256;
import io.smartshare.contracts.compute.ComputeOutcome;
import io.smartshare.contracts.compute.ComputeResult;
import io.smartshare.contracts.compute.ComputeTask;
import java.util.Optional;

/**
 * Runs jobs in Chicory's interpreter (docs/compute.md, "Sandbox"): the module is checked
 * ({@link ModuleCheck}), instantiated with {@link DeterministicWasi} as its only imports and
 * {@link FuelMeter} as its execution listener, and its {@code _start} called. A return or
 * {@code proc_exit} is {@link ComputeOutcome#EXITED}; the meter's stops and the output bound
 * are their outcomes; any WebAssembly trap, or a call stack deeper than the thread's, is
 * {@link ComputeOutcome#TRAPPED}. Whatever the outcome, the result counts the instructions
 * executed and the output written up to the stop.
 */
final class WasmSandbox implements JobRunner {
    private final long maxModuleBytes;
    private final int maxOutputBytes;
    private final CpuShare share;

    WasmSandbox(long maxModuleBytes, int maxOutputBytes, CpuShare share) {
        this.maxModuleBytes = maxModuleBytes;
        this.maxOutputBytes = maxOutputBytes;
        this.share = share;
    }

    @Override
    public Optional<Run> run(byte[] moduleBytes, byte[] input, ComputeTask task) throws ModuleCheck.Refused {
        WasmModule module = ModuleCheck.check(moduleBytes, task, maxModuleBytes);
        BoundedOutput out = new BoundedOutput(maxOutputBytes);
        FuelMeter meter = new FuelMeter(task.fuel(), task.memoryPages(), share);
        share.begin();
        ComputeOutcome outcome = ComputeOutcome.EXITED;
        long exitCode = 0;
        Instance instance = null;
        try {
            instance = Instance.builder(module).withImportValues(DeterministicWasi.imports(task, input, out))
                    .withUnsafeExecutionListener(meter).withStart(false).build();
            Instance running = instance;
            meter.watch(running::memory);
            instance.export("_start").apply();
        } catch (FuelMeter.Stop e) {
            outcome = e.outcome();
        } catch (WasiExitException e) {
            exitCode = e.exitCode() & 0xffff_ffffL;
        } catch (ChicoryException | StackOverflowError | ArithmeticException | IndexOutOfBoundsException e) {
            outcome = stopOf(e).orElse(ComputeOutcome.TRAPPED);
        }
        if (meter.interrupted()) {
            return Optional.empty();
        }
        long pages = instance == null || instance.module().memorySection().isEmpty() ? 0 : instance.memory().pages();
        byte[] output = out.toByteArray();
        return Optional.of(new Run(new ComputeResult(task.hash(), task.moduleHash(), task.inputHash(),
                Sha256.of(output), output.length, meter.used(), outcome, exitCode, pages), output));
    }

    /** A stop thrown inside a host function (the output bound) may reach here wrapped. */
    private static Optional<ComputeOutcome> stopOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FuelMeter.Stop stop) {
                return Optional.of(stop.outcome());
            }
            if (t instanceof WasiExitException) {
                return Optional.of(ComputeOutcome.EXITED);
            }
        }
        return Optional.empty();
    }
}
