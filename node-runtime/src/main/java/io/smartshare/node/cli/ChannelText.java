package io.smartshare.node.cli;

import io.smartshare.contracts.schedule.MicroTokens;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * The node's channel documents ({@code /channels}) as {@code smartshare-node channel} prints
 * them for an operator: a table for the list, a few labelled lines for one channel, money in
 * micro-tokens and tokens ({@link MicroTokens}).
 */
final class ChannelText {
    private ChannelText() {
    }

    /** {@code GET /channels}: one line per channel under a header, or a line saying there is none. */
    static void table(Map<String, Object> document, PrintStream out) {
        List<?> channels = (List<?>) document.get("channels");
        if (channels == null || channels.isEmpty()) {
            out.println("no channels");
            return;
        }
        out.printf("%-32s  %-5s  %-30s  %12s  %12s  %s%n", "id", "role", "peer", "deposit µT", "paid µT", "status");
        for (Object item : channels) {
            Map<?, ?> c = (Map<?, ?>) item;
            out.printf("%-32s  %-5s  %-30s  %12d  %12d  %s%n", c.get("id"), c.get("role"), c.get("peer"),
                    number(c, "deposit"), number(c, "paid"), status(c));
        }
    }

    /** One channel (the answer to show, open, pay and close), with its documents in hex when it has them. */
    static void channel(Map<String, Object> c, PrintStream out) {
        out.printf("channel %s%n", c.get("id"));
        out.printf("  %s, peer %s%n", "payer".equals(c.get("role")) ? "this node pays" : "this node is paid",
                c.get("peer"));
        long deposit = number(c, "deposit");
        long paid = number(c, "paid");
        out.printf("  deposit %s%n  paid    %s%n  left    %s%n", MicroTokens.text(deposit), MicroTokens.text(paid),
                MicroTokens.text(deposit - paid));
        if (c.get("price") instanceof Map<?, ?> price) {
            out.printf("  price   %d µT per %d B relayed, from the payee's relay count %d B%n", number(price, "rate"),
                    number(price, "unit"), number(price, "from"));
        }
        out.printf("  status  %s%n", status(c));
        for (String document : List.of("open-record", "latest-proof", "close")) {
            if (c.get(document) != null) {
                out.printf("  %-13s %s%n", document, c.get(document));
            }
        }
    }

    private static String status(Map<?, ?> c) {
        return c.get("closed") == null ? String.valueOf(c.get("status")) : c.get("status") + " (" + c.get("closed") + ")";
    }

    private static long number(Map<?, ?> map, String key) {
        return ((Number) map.get(key)).longValue();
    }
}
