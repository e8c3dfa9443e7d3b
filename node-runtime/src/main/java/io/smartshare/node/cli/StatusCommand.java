package io.smartshare.node.cli;

import io.smartshare.node.status.StatusClient;
import java.io.PrintStream;
import java.net.URI;
import java.util.Set;

/** {@code smartshare-node status [--json] [--watch] [coap://host[:port]]}. */
final class StatusCommand {
    static final String HELP = """
            usage: smartshare-node status [--json] [--watch] [coap://host[:port]]

            One screen about a running node (default coap://localhost:5683): who it is
            (version, board, uptime), its health with the reason of every component that is
            not up, its services (with why those that do not run are off), its links with
            their rates, CPU, shared storage against its quota, its place in the mesh and
            its neighbours' link quality (ETX), and its earnings this epoch (an estimate at
            the reward schedule's rates until settled) with the last settlement. Rates and
            CPU are measured over 2.5 s between two readings.

              --json    print the same as one JSON object, for scripts
              --watch   refresh every 2.5 s until interrupted (Ctrl-C)

            Exit 1 if the node does not answer within 5 s per request.
            """;

    private StatusCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Args parsed = Args.parse("status", args, Set.of(), Set.of("help", "json", "watch"));
        if (parsed.flag("help")) {
            out.print(HELP);
            return Main.OK;
        }
        String target = parsed.operands(1).stream().findFirst().orElse("coap://localhost:5683");
        URI base;
        try {
            base = StatusClient.baseUri(target);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return StatusClient.print(base, parsed.flag("json"), parsed.flag("watch"), out, err) ? Main.OK : Main.FAILED;
    }
}
