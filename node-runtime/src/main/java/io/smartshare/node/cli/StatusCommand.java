package io.smartshare.node.cli;

import io.smartshare.node.status.StatusClient;
import java.io.PrintStream;
import java.net.URI;
import java.util.Set;

/** {@code smartshare-node status [coap://host[:port]]}. */
final class StatusCommand {
    static final String HELP = """
            usage: smartshare-node status [coap://host[:port]]

            Reads /node, /health and /metrics of a node (default coap://localhost:5683)
            and prints them. Exit 1 if the node does not answer within 5 s per request.
            """;

    private StatusCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Args parsed = Args.parse("status", args, Set.of(), Set.of("help"));
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
        return StatusClient.print(base, out, err) ? Main.OK : Main.FAILED;
    }
}
