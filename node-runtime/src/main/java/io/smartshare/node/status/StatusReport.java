package io.smartshare.node.status;

import static io.smartshare.node.status.StatusView.list;
import static io.smartshare.node.status.StatusView.map;
import static io.smartshare.node.status.StatusView.number;

import io.smartshare.contracts.schedule.MicroTokens;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Draws a {@link StatusView} on a terminal, one screen an operator reads at a glance: sizes,
 * rates and durations in human units, money in micro-tokens (µT) and tokens (10^6 µT).
 */
final class StatusReport {
    private StatusReport() {
    }

    static void print(URI base, Map<String, Object> view, PrintStream out) {
        Map<String, Object> node = map(view.get("node"));
        Object label = node.get("label");
        out.printf("node      %s%s   %s%n", node.get("id"), label instanceof String text && !text.isEmpty()
                ? "  \"" + text + "\"" : "", base);
        out.printf("          version %s   board %s   up %s   roles %s%n", node.get("version"), node.get("board"),
                duration(node.get("uptime-seconds")), words(list(node.get("roles")), "none"));
        Map<String, Object> health = map(view.get("health"));
        out.printf("health    %s%n", health.get("status"));
        for (Object item : list(health.get("problems"))) {
            Map<String, Object> c = map(item);
            out.printf("          %s %s%s%n", c.get("component"), c.get("state"),
                    c.get("reason") == null ? "" : ": " + c.get("reason"));
        }
        Map<String, Object> services = map(view.get("services"));
        out.printf("services  %s%n", words(list(services.get("running")), "none running"));
        for (Object item : list(services.get("not-running"))) {
            Map<String, Object> s = map(item);
            out.printf("          %s %s%s%n", s.get("name"), s.get("state"),
                    s.get("reason") == null ? "" : ": " + s.get("reason"));
        }
        String first = "links";
        for (Object item : list(view.get("links"))) {
            Map<String, Object> link = map(item);
            out.printf("%-9s %-10s %-4s %-5s in %s  out %s%n", first, link.get("name"), link.get("role"),
                    Boolean.TRUE.equals(link.get("up")) ? "up" : "down", rate(link.get("rx-bytes-per-second")),
                    rate(link.get("tx-bytes-per-second")));
            first = "";
        }
        Map<String, Object> cpu = map(view.get("cpu"));
        out.printf(Locale.ROOT, "cpu       system %.1f %%   this node %.1f %% of a core   cores %s   share cap %s %%%n",
                ((Number) cpu.getOrDefault("system-percent", 0.0)).doubleValue(),
                ((Number) cpu.getOrDefault("node-percent-of-one-core", 0.0)).doubleValue(), cpu.get("cores"),
                cpu.get("share-cap-percent"));
        Map<String, Object> storage = map(view.get("storage"));
        out.printf("storage   %s used of a %s quota, %s free on disk%n", bytes(number(storage.get("used-bytes"))),
                bytes(number(storage.get("quota-bytes"))), bytes(number(storage.get("free-bytes"))));
        mesh(map(view.get("mesh")), out);
        earnings(view.get("earnings"), out);
    }

    private static void mesh(Map<String, Object> mesh, PrintStream out) {
        if ("off".equals(mesh.get("state"))) {
            out.println("mesh      off");
            return;
        }
        out.printf("mesh      %s%s%s%n", mesh.get("state"),
                "attached".equals(mesh.get("state")) ? ", rank " + mesh.get("rank") : "",
                mesh.get("parent") == null ? "" : ", route to the gateway via " + mesh.get("parent"));
        List<Object> neighbors = list(mesh.get("neighbors"));
        if (neighbors.isEmpty()) {
            out.println("          no neighbours");
        }
        for (Object item : neighbors) {
            Map<String, Object> n = map(item);
            out.printf(Locale.ROOT, "          %s %-5s ETX %.2f  rank %s%s  heard %.1f s ago%n", n.get("id"),
                    Boolean.TRUE.equals(n.get("alive")) ? "up" : "down", ((Number) n.get("etx")).doubleValue(),
                    n.get("rank"), Boolean.TRUE.equals(n.get("gateway")) ? " (gateway)" : "",
                    number(n.get("last-heard-ms")) / 1000.0);
        }
    }

    private static void earnings(Object value, PrintStream out) {
        if (value == null) {
            out.println("earnings  not known (the fleet service is off)");
            return;
        }
        Map<String, Object> earnings = map(value);
        Map<String, Object> units = map(earnings.get("units"));
        String signed = units.isEmpty() ? "nothing signed by consumers yet"
                : units.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "))
                        + " signed by consumers";
        Object estimate = earnings.get("estimate-micro-tokens");
        out.printf("earnings  this epoch: %s (estimate, not settled; %s)%n",
                estimate == null ? "no schedule to price it" : MicroTokens.text(number(estimate)), signed);
        Object epoch = earnings.get("settled-epoch");
        out.printf("          last settlement: %s%n", epoch == null ? "none"
                : "epoch " + epoch + ", " + MicroTokens.text(number(earnings.get("settled-reward-micro-tokens"))));
    }

    private static String words(List<Object> items, String none) {
        List<String> text = new ArrayList<>();
        items.forEach(i -> text.add(String.valueOf(i)));
        return text.isEmpty() ? none : String.join(", ", text);
    }

    static String rate(Object bytesPerSecond) {
        return bytes(number(bytesPerSecond)) + "/s";
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    static String duration(Object seconds) {
        if (!(seconds instanceof Number number)) {
            return String.valueOf(seconds);
        }
        long s = number.longValue();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m " + (s % 60) + "s";
        }
        if (s < 86400) {
            return (s / 3600) + "h " + (s % 3600 / 60) + "m";
        }
        return (s / 86400) + "d " + (s % 86400 / 3600) + "h";
    }
}
