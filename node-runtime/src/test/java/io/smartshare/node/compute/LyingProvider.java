package io.smartshare.node.compute;

import io.smartshare.contracts.Sha256;
import io.smartshare.contracts.compute.ComputeResult;
import io.smartshare.node.daemon.Node;
import io.smartshare.node.daemon.Services;
import io.smartshare.node.daemon.ShutdownSignal;
import io.smartshare.node.lifecycle.NodeService;
import io.smartshare.node.lifecycle.RunOptions;
import io.smartshare.node.mesh.coap.CoapMeshOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i].substring(2), args[i + 1]);
        }
        RunOptions run = new RunOptions(options.get("board"), Optional.of(Path.of(options.get("data-dir"))),
                Optional.of(Integer.parseInt(options.get("coap-port"))),
                Optional.of(Integer.parseInt(options.get("coaps-port"))),
                Optional.ofNullable(options.get("config")).map(Path::of), Optional.empty(),
                Arrays.stream(options.getOrDefault("mesh-peers", "").split(",")).filter(p -> !p.isBlank())
                        .map(CoapMeshOptions::parsePeer).toList(),
                Optional.ofNullable(options.get("uplink")).map(Long::parseLong));
        List<NodeService> services = new ArrayList<>();
        for (NodeService service : Services.installed()) {
            services.add(service instanceof ComputeService ? new ComputeService(LyingProvider::lying) : service);
        }
        ShutdownSignal signal = ShutdownSignal.install();
        try (Node node = Node.start(run, services)) {
            signal.await();
        }
    }
}
