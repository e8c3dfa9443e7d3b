package io.smartshare.node.cli;

import io.smartshare.node.status.StatusClient;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Set;

/** {@code smartshare-node uplink status [coap://host[:port]]}. */
final class UplinkCommand {
    static final String HELP = """
            usage: smartshare-node uplink status [coap://host[:port]]

            Reads /uplink of a node (default coap://localhost:5683) and prints its WireGuard
            interface, mesh addresses, LAN, every peer (node id, endpoint, bytes received
            and sent, allowed IPs), the routes through the tunnel and what it refused.
            Exit 1 if the node does not answer within 5 s.
            """;

    private UplinkCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Args parsed = Args.parse("uplink", args, Set.of(), Set.of("help"));
        if (parsed.flag("help")) {
            out.print(HELP);
            return Main.OK;
        }
        List<String> operands = parsed.operands(2);
        if (operands.isEmpty() || !operands.get(0).equals("status")) {
            throw new UsageException("expected 'uplink status [coap://host[:port]]'");
        }
        URI base;
        try {
            base = StatusClient.baseUri(operands.size() > 1 ? operands.get(1) : "coap://localhost:5683");
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return StatusClient.printUplink(base, out, err) ? Main.OK : Main.FAILED;
    }
}
