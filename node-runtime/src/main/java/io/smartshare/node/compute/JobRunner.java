package io.smartshare.node.compute;

import io.smartshare.contracts.compute.ComputeResult;
import io.smartshare.contracts.compute.ComputeTask;
import java.util.Optional;

/** Runs a task whose module passed {@link ModuleCheck}; the provider's and the verifying consumer's one way to compute. */
interface JobRunner {
    /** A finished run: its result and the output it hashes. */
    record Run(ComputeResult result, byte[] output) {
    }

    /**
     * Runs {@code module} on {@code input} as {@code task} says, on the calling thread.
     *
     * @return the run, or empty if the thread was interrupted (the node is stopping)
     * @throws ModuleCheck.Refused if the module may not run
     */
    Optional<Run> run(byte[] module, byte[] input, ComputeTask task) throws ModuleCheck.Refused;
}
