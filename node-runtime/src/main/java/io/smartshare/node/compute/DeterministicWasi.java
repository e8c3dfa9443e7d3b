package io.smartshare.node.compute;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import io.smartshare.contracts.compute.ComputeTask;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The only host a job sees (docs/compute.md, "Sandbox"): WASI preview 1 with stdin = the
 * input, stdout = a bounded sink, stderr discarded, no arguments, no environment, no
 * directories and no sockets, and a clock and randomness fixed by the task, so that a run
 * on any provider is identical. Chicory's own {@code clock_time_get} reads {@code
 * System.nanoTime()} for the monotonic clock: it is replaced by one that answers the task's
 * clock for every clock id. Modules may import only {@link #ALLOWED} from {@value #MODULE}.
 */
final class DeterministicWasi {
    /** The one import module a job may use. */
    static final String MODULE = "wasi_snapshot_preview1";
    /** What a job may import: stdio, exit, clocks and randomness, and what language runtimes probe at start. */
    static final Set<String> ALLOWED = Set.of("fd_read", "fd_write", "fd_close", "fd_seek", "fd_fdstat_get",
            "fd_prestat_get", "fd_prestat_dir_name", "proc_exit", "clock_time_get", "clock_res_get", "random_get",
            "args_get", "args_sizes_get", "environ_get", "environ_sizes_get", "sched_yield");
    private static final int ERRNO_SUCCESS = 0;
    private static final int ERRNO_INVAL = 28;

    private DeterministicWasi() {
    }

    /** The host functions for one run of {@code task} reading {@code input} and writing to {@code stdout}. */
    static ImportValues imports(ComputeTask task, byte[] input, OutputStream stdout) {
        WasiOptions options = WasiOptions.builder().withStdin(new ByteArrayInputStream(input), false)
                .withStdout(stdout, false).withStderr(OutputStream.nullOutputStream(), false)
                .withClock(Clock.fixed(Instant.ofEpochMilli(task.clockMillis()), ZoneOffset.UTC))
                .withRandom(new Random(seed(task.seed()))).build();
        WasiPreview1 wasi = WasiPreview1.builder().withOptions(options).build();
        List<ImportFunction> functions = new ArrayList<>();
        for (HostFunction f : wasi.toHostFunctions()) {
            if (ALLOWED.contains(f.name()) && !f.name().equals("clock_time_get")) {
                functions.add(f);
            }
        }
        long nanos = task.clockMillis() * 1_000_000;
        functions.add(new HostFunction(MODULE, "clock_time_get",
                FunctionType.of(List.of(ValType.I32, ValType.I64, ValType.I32), List.of(ValType.I32)),
                (instance, args) -> {
                    if (args[0] < 0 || args[0] > 3) {
                        return new long[] {ERRNO_INVAL};
                    }
                    instance.memory().writeLong((int) args[2], nanos);
                    return new long[] {ERRNO_SUCCESS};
                }));
        return ImportValues.builder().withFunctions(functions).build();
    }

    /** {@code java.util.Random}'s seed: bytes 0–7 XOR bytes 8–15 of the task's seed, big-endian. */
    static long seed(byte[] seed) {
        ByteBuffer b = ByteBuffer.wrap(seed);
        return b.getLong(0) ^ b.getLong(8);
    }
}
