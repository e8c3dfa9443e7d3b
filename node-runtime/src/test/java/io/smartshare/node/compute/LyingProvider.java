package io.smartshare.node.compute;

import io.smartshare.contracts.Sha256;
import io.smartshare.contracts.compute.ComputeResult;
import io.smartshare.node.testing.DoubleNode;

/**
 * A test double of a dishonest provider: a real node (the installed services, the same
 * {@code run} options) whose compute service changes the first byte of every output it
 * returns and signs the result of that, as a provider that skimps on the work would answer.
 * Started by {@link io.smartshare.node.testing.NodeLine} in place of the jar's main class.
 */
public final class LyingProvider {
    private LyingProvider() {
    }

    static JobRunner lying(JobRunner honest) {
        return (module, input, task) -> honest.run(module, input, task).map(run -> {
            byte[] output = run.output().clone();
            if (output.length > 0) {
                output[0] ^= 1;
            }
            ComputeResult r = run.result();
            return new JobRunner.Run(new ComputeResult(r.task(), r.moduleHash(), r.inputHash(), Sha256.of(output),
                    output.length, r.instructions(), r.outcome(), r.exitCode(), r.peakPages()), output);
        });
    }

    /** {@code run --board B --data-dir D --coap-port P --coaps-port P --config F --mesh-peers L [--uplink K]}. */
    public static void main(String[] args) throws InterruptedException {
        DoubleNode.run(args, service -> service instanceof ComputeService ? new ComputeService(LyingProvider::lying)
                : service);
    }
}
