package io.smartshare.node.compute;

import com.dylibso.chicory.runtime.ExecutionListener;
import com.dylibso.chicory.runtime.MStack;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import io.smartshare.contracts.compute.ComputeOutcome;
import java.util.function.Supplier;

/**
 * Counts the instructions a job executes, through Chicory's interpreter's execution
 * listener (called before each instruction), and stops the job by throwing {@link Stop}: before
 * the instruction after the last one its fuel pays for, before a {@code memory.grow} that would
 * take it beyond its page limit, and when the node stops it. Every {@value #PACE_EVERY}
 * instructions it lets {@link CpuShare} hold the job to the CPU share cap.
 */
final class FuelMeter implements ExecutionListener {
    /** Instructions between two checks of the CPU share: a few milliseconds of work. */
    static final long PACE_EVERY = 1 << 15;

    /** Why a job was stopped: thrown without a stack trace, caught by the sandbox. */
    static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final ComputeOutcome outcome;

        Stop(ComputeOutcome outcome) {
            super(outcome.label(), null, false, false);
            this.outcome = outcome;
        }

        ComputeOutcome outcome() {
            return outcome;
        }
    }

    private final long fuel;
    private final int pages;
    private final CpuShare share;
    private Supplier<Memory> memory = () -> null;
    private long used;
    private long nextPace = PACE_EVERY;
    private boolean interrupted;

    FuelMeter(long fuel, int pages, CpuShare share) {
        this.fuel = fuel;
        this.pages = pages;
        this.share = share;
    }

    /** Where the job's memory is, once the instance exists. */
    void watch(Supplier<Memory> memory) {
        this.memory = memory;
    }

    @Override
    public void onExecution(Instruction instruction, MStack stack) {
        if (used == fuel) {
            throw new Stop(ComputeOutcome.FUEL_EXHAUSTED);
        }
        used++;
        if (instruction.opcode() == OpCode.MEMORY_GROW) {
            Memory m = memory.get();
            long asked = stack.peek() & 0xffff_ffffL;
            if (m != null && m.pages() + asked > pages) {
                throw new Stop(ComputeOutcome.MEMORY_LIMIT);
            }
        }
        if (used == nextPace) {
            nextPace += PACE_EVERY;
            if (share.pace()) {
                interrupted = true;
                throw new Stop(ComputeOutcome.TRAPPED);
            }
        }
    }

    /** Instructions executed so far, at most the fuel. */
    long used() {
        return used;
    }

    /** True if the job stopped because its thread was interrupted (the node is stopping): there is no result. */
    boolean interrupted() {
        return interrupted;
    }
}
