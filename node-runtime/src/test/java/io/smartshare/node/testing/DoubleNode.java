package io.smartshare.node.testing;

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
import java.util.function.UnaryOperator;

/**
 * Runs a test double of a node: a real node with the installed services, one or more of them
 * replaced, from the {@code run} options {@link NodeLine} gives ({@code run --board B
 * --data-dir D --coap-port P --coaps-port P --config F --mesh-peers L [--uplink K]}).
 */
public final class DoubleNode {
    private DoubleNode() {
    }

    /** The {@code --data-dir} of {@code args}. */
    public static Path dataDir(String[] args) {
        return Path.of(options(args).get("data-dir"));
    }

    /** Runs the node until it is told to stop, each installed service passed through {@code replace}. */
    public static void run(String[] args, UnaryOperator<NodeService> replace) throws InterruptedException {
        Map<String, String> options = options(args);
        RunOptions run = new RunOptions(options.get("board"), Optional.of(Path.of(options.get("data-dir"))),
                Optional.of(Integer.parseInt(options.get("coap-port"))),
                Optional.of(Integer.parseInt(options.get("coaps-port"))),
                Optional.ofNullable(options.get("config")).map(Path::of), Optional.empty(),
                Arrays.stream(options.getOrDefault("mesh-peers", "").split(",")).filter(p -> !p.isBlank())
                        .map(CoapMeshOptions::parsePeer).toList(),
                Optional.ofNullable(options.get("uplink")).map(Long::parseLong));
        List<NodeService> services = new ArrayList<>();
        for (NodeService service : Services.installed()) {
            services.add(replace.apply(service));
        }
        ShutdownSignal signal = ShutdownSignal.install();
        try (Node node = Node.start(run, services)) {
            signal.await();
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
