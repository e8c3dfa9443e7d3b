package io.smartshare.contracts.compute;

import java.util.Arrays;
import java.util.Optional;

/** How a run ended (docs/contracts.md §17.2), with its code in a result. */
public enum ComputeOutcome {
    /** The module returned from {@code _start} or called {@code proc_exit}; the exit code says how. */
    EXITED(0),
    /** It executed as many instructions as its fuel allows and was stopped before the next one. */
    FUEL_EXHAUSTED(1),
    /** It asked to grow its memory beyond the task's page limit and was stopped. */
    MEMORY_LIMIT(2),
    /** It wrote more to stdout than the provider keeps for one result and was stopped. */
    OUTPUT_LIMIT(3),
    /** A WebAssembly trap: unreachable, out-of-bounds access, division by zero, stack exhausted. */
    TRAPPED(4);

    private final int code;

    ComputeOutcome(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The outcome with {@code code}, if defined. */
    public static Optional<ComputeOutcome> ofCode(long code) {
        return Arrays.stream(values()).filter(o -> o.code == code).findFirst();
    }

    /** Lower case with dashes, as documents show it: {@code fuel-exhausted}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
