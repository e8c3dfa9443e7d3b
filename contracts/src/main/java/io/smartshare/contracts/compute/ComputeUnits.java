package io.smartshare.contracts.compute;

import java.math.BigInteger;

/**
 * How instructions become the {@code cpu} resource and µT (docs/contracts.md §17.3): one
 * {@code cpu} millisecond is {@value #INSTRUCTIONS_PER_CPU_MILLI} WebAssembly instructions,
 * a fixed rate both sides compute exactly, near what the metered interpreter executes per
 * millisecond on the boards (scripts/bench-compute prints this machine's figure). Both
 * conversions take cumulative counts, so no fraction is lost between receipts.
 */
public final class ComputeUnits {
    /** Instructions per {@code cpu} millisecond. */
    public static final long INSTRUCTIONS_PER_CPU_MILLI = 10_000;
    private static final BigInteger MILLION = BigInteger.valueOf(1_000_000);

    private ComputeUnits() {
    }

    /** The {@code cpu} amount for {@code instructions} executed in all: {@code ⌊instructions ÷ 10 000⌋}. */
    public static long cpuMillis(long instructions) {
        return instructions / INSTRUCTIONS_PER_CPU_MILLI;
    }

    /** µT owed for {@code instructions} at {@code pricePerMillion}: {@code ⌊instructions × price ÷ 10^6⌋}, capped at 2^63 − 1. */
    public static long due(long instructions, long pricePerMillion) {
        BigInteger owed = BigInteger.valueOf(instructions).multiply(BigInteger.valueOf(pricePerMillion)).divide(MILLION);
        return owed.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
    }
}
