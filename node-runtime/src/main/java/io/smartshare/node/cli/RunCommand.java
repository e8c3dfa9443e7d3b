package io.smartshare.node.cli;

import io.smartshare.node.config.NodeConfig;
import io.smartshare.node.config.NodeConfigReader;
import io.smartshare.node.daemon.Node;
import io.smartshare.node.daemon.Services;
import io.smartshare.node.daemon.ShutdownSignal;
import io.smartshare.node.lifecycle.RunOptions;
import io.smartshare.node.logging.LogLevels;
import io.smartshare.node.mesh.coap.CoapMeshOptions;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code smartshare-node run}: starts the node and runs it until SIGTERM or SIGINT. */
final class RunCommand {
    static final String HELP = """
            usage: smartshare-node run [options]

              --board NAME|FILE   board name (bundled in board-configs/) or board file; default sim
              --data-dir DIR      identity, ledger and settings; default from the board file
                                  (./var for sim, /var/lib/smartshare on devices)
              --coap-port N       UDP port for coap:// (default 5683; 0 picks a free port and logs it)
              --coaps-port N      UDP port for coaps:// (default 5684; 0 picks a free port and logs it)
              --config FILE       operator config (YAML): addresses, PSK identities, settings
              --log-level SPEC    log levels, over the config's logging section: a level for
                                  every component (debug), per component (mesh=debug,coap=warn)
                                  or both (warn,mesh=debug). Levels: trace debug info warn error
                                  off; components: node coap ledger hal metering mesh uplink
                                  rewards storage compute beacon mqtt fleet californium pi4j

            mesh (started when the board's mesh section lists the ip transport, as sim does):
              --mesh-interface IF join the All-CoAP-Nodes group (224.0.1.187, else ff02::fd) on
                                  interface IF and send hellos there on UDP 5683; default: none,
                                  so a node on a laptop sends no multicast unless asked
              --mesh-peers LIST   comma-separated numeric HOST:PORT of neighbours to reach by
                                  unicast too (for links that filter multicast)
              --uplink KBPS       this node shares an uplink of KBPS kbit/s: it is a gateway

            Stops cleanly on SIGTERM or SIGINT (exit 0). See docs/operator-guide.md.
            """;

    private RunCommand() {
    }

    static int run(String[] args, PrintStream out) {
        Args parsed = Args.parse("run", args,
                Set.of("board", "data-dir", "coap-port", "coaps-port", "config", "mesh-interface", "mesh-peers", "uplink",
                        "log-level"),
                Set.of("help"));
        if (parsed.flag("help")) {
            out.print(HELP);
            return Main.OK;
        }
        parsed.operands(0);
        RunOptions options = new RunOptions(parsed.option("board").orElse("sim"),
                parsed.option("data-dir").map(Path::of),
                parsed.intOption("coap-port", 0, 65535),
                parsed.intOption("coaps-port", 0, 65535),
                parsed.option("config").map(Path::of),
                parsed.option("mesh-interface"),
                parsed.option("mesh-peers").map(RunCommand::peers).orElse(List.of()),
                parsed.intOption("uplink", 1, Integer.MAX_VALUE).map(Integer::longValue));
        NodeConfig config = NodeConfigReader.read(options.configFile());
        logLevels(config, parsed.option("log-level")).apply();
        ShutdownSignal signal = ShutdownSignal.install();
        try (Node node = Node.start(options, config, Services.installed())) {
            signal.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Main.OK;
    }

    /** The config's log levels with the command line's over them; read before any logger exists. */
    private static LogLevels logLevels(NodeConfig config, Optional<String> option) {
        LogLevels levels = config.logging();
        try {
            return option.map(spec -> levels.with(LogLevels.parse(spec))).orElse(levels);
        } catch (IllegalArgumentException e) {
            throw new UsageException("option --log-level: " + e.getMessage());
        }
    }

    static List<InetSocketAddress> peers(String list) {
        try {
            return Arrays.stream(list.split(",")).map(String::trim).filter(p -> !p.isEmpty())
                    .map(CoapMeshOptions::parsePeer).toList();
        } catch (IllegalArgumentException e) {
            throw new UsageException("option --mesh-peers: " + e.getMessage());
        }
    }
}
