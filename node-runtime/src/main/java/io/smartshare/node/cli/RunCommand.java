package io.smartshare.node.cli;

import io.smartshare.node.daemon.Node;
import io.smartshare.node.daemon.RunOptions;
import io.smartshare.node.daemon.ShutdownSignal;
import java.io.PrintStream;
import java.nio.file.Path;
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

            Stops cleanly on SIGTERM or SIGINT (exit 0). See docs/operator-guide.md.
            """;

    private RunCommand() {
    }

    static int run(String[] args, PrintStream out) {
        Args parsed = Args.parse("run", args,
                Set.of("board", "data-dir", "coap-port", "coaps-port", "config"), Set.of("help"));
        if (parsed.flag("help")) {
            out.print(HELP);
            return Main.OK;
        }
        parsed.operands(0);
        RunOptions options = new RunOptions(parsed.option("board").orElse("sim"),
                parsed.option("data-dir").map(Path::of),
                parsed.intOption("coap-port", 0, 65535),
                parsed.intOption("coaps-port", 0, 65535),
                parsed.option("config").map(Path::of));
        ShutdownSignal signal = ShutdownSignal.install();
        try (Node node = Node.start(options)) {
            signal.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Main.OK;
    }
}
