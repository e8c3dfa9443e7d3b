package io.smartshare.node.status;

import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Formats a node's documents for a terminal: a header with who the node is, then health
 * and metrics as an indented tree where sizes and durations are shown in human units.
 */
final class StatusReport {
    private StatusReport() {
    }

    static void print(URI base, Map<String, Object> node, Map<String, Object> health,
            Map<String, Object> metrics, PrintStream out) {
        out.printf("node     %s%s%n", node.get("id"), labelSuffix(node.get("label")));
        out.printf("address  %s%n", base);
        out.printf("board    %s   version %s   up %s%n", node.get("board"), node.get("version"),
                duration(node.get("uptime-seconds")));
        out.printf("roles    %s%n", node.get("roles") instanceof List<?> roles && !roles.isEmpty()
                ? String.join(", ", roles.stream().map(String::valueOf).toList()) : "none");
        out.printf("health   %s%n", health.get("status"));
        if (health.get("components") instanceof List<?> components) {
            for (Object item : components) {
                if (item instanceof Map<?, ?> component) {
                    Object reason = component.get("reason");
                    out.printf("  %-12s %s%s%n", component.get("component"), component.get("state"),
                            reason == null ? "" : " (" + reason + ")");
                }
            }
        }
        out.println("metrics");
        tree(metrics, 1, out);
    }

    private static String labelSuffix(Object label) {
        return label instanceof String text && !text.isEmpty() ? "  \"" + text + "\"" : "";
    }

    private static void tree(Map<?, ?> map, int depth, PrintStream out) {
        String indent = "  ".repeat(depth);
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (entry.getValue() instanceof Map<?, ?> child) {
                out.printf("%s%s%n", indent, key);
                tree(child, depth + 1, out);
            } else {
                out.printf("%s%-22s %s%n", indent, key, human(key, entry.getValue()));
            }
        }
    }

    static String human(String key, Object value) {
        if (value instanceof Number number && key.endsWith("-bytes")) {
            return bytes(number.longValue());
        }
        if (value instanceof Number number && key.endsWith("-seconds")) {
            return duration(number);
        }
        return String.valueOf(value);
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
