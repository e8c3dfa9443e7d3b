package io.smartshare.node.status;

import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Prints a node's {@code /uplink} document for an operator: its caps, one line per peer
 * (marked when cut for not paying), then routes and refusals.
 */
final class UplinkReport {
    private UplinkReport() {
    }

    static void print(URI base, Map<String, Object> uplink, PrintStream out) {
        if ("absent".equals(uplink.get("state"))) {
            out.println("uplink of " + base + ": absent (" + uplink.get("reason") + ")");
            return;
        }
        out.println("uplink of " + base + ": interface " + uplink.get("interface") + ", listen port "
                + uplink.get("listen-port") + (Boolean.TRUE.equals(uplink.get("masquerade")) ? ", gateway (NAT on)" : ""));
        out.println("  addresses  " + join(uplink.get("addresses")));
        out.println("  lan        " + (list(uplink.get("lan")).isEmpty() ? "none" : join(uplink.get("lan"))));
        long total = number(uplink.get("share-cap-kbps"));
        long each = number(uplink.get("neighbour-cap-kbps"));
        out.println("  caps       " + (total > 0 ? total + " kbit/s in all" : "none in all") + ", "
                + (each > 0 ? each + " kbit/s per neighbour" : "none per neighbour"));
        List<Object> peers = list(uplink.get("peers"));
        out.println("  peers      " + peers.size());
        for (Object p : peers) {
            Map<?, ?> peer = (Map<?, ?>) p;
            out.printf("    %-28s %-22s rx %-10s tx %-10s %s%s%n", peer.get("id"), peer.get("endpoint"),
                    StatusReport.bytes(number(peer.get("rx-bytes"))), StatusReport.bytes(number(peer.get("tx-bytes"))),
                    Boolean.TRUE.equals(peer.get("cut")) ? "CUT (owes more than the grace) " : "",
                    join(peer.get("allowed-ips")));
        }
        out.println("  routes     " + join(uplink.get("routes")));
        List<Object> refused = list(uplink.get("refused"));
        if (!refused.isEmpty()) {
            out.println("  refused");
            refused.forEach(r -> out.println("    " + r));
        }
        for (String key : List.of("error", "meter-error", "transfer-error")) {
            if (uplink.containsKey(key)) {
                out.println("  " + key + ": " + uplink.get(key));
            }
        }
    }

    private static List<Object> list(Object value) {
        if (value instanceof List<?> items) {
            return List.copyOf(items);
        }
        return List.of();
    }

    private static String join(Object value) {
        return String.join(", ", list(value).stream().map(String::valueOf).toList());
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
