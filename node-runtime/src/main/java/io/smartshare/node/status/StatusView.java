package io.smartshare.node.status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code smartshare-node status} shows, as one document (what {@code --json} prints and
 * the screen is drawn from): who the node is, its health with the reasons of every component
 * that is not up, its services, its links with their rates, CPU, shared storage, its place in
 * the mesh with its neighbours' link quality, and its earnings this epoch (an estimate until
 * settled) with the last settlement. Rates and CPU shares are over the time between two
 * snapshots.
 */
final class StatusView {
    /** The rank of a node that has no route to a gateway (the mesh's infinite rank). */
    static final long UNATTACHED_RANK = 65_535;

    private StatusView() {
    }

    static Map<String, Object> of(StatusSnapshot before, StatusSnapshot now) {
        double seconds = Math.max(1e-3, (now.atNanos() - before.atNanos()) / 1e9);
        Map<String, Object> view = new LinkedHashMap<>();
        Map<String, Object> node = new LinkedHashMap<>();
        for (String key : List.of("id", "label", "version", "board", "uptime-seconds", "roles")) {
            Optional.ofNullable(now.node().get(key)).ifPresent(v -> node.put(key, v));
        }
        view.put("node", node);
        view.put("health", health(now.health()));
        view.put("services", services(now.health()));
        Map<String, Object> meters = map(now.metrics().get("meters"));
        Map<String, Object> metersBefore = map(before.metrics().get("meters"));
        view.put("links", links(list(meters.get("links")), list(metersBefore.get("links")), seconds));
        view.put("cpu", cpu(map(meters.get("cpu")), map(metersBefore.get("cpu")), seconds));
        Map<String, Object> storage = map(meters.get("storage"));
        Map<String, Object> shared = new LinkedHashMap<>();
        for (String key : List.of("used-bytes", "quota-bytes", "free-bytes")) {
            Optional.ofNullable(storage.get(key)).ifPresent(v -> shared.put(key, v));
        }
        view.put("storage", shared);
        view.put("mesh", mesh(now.routes(), now.neighbors()));
        now.summary().map(s -> map(s.get("earnings"))).ifPresent(e -> view.put("earnings", e));
        return view;
    }

    private static Map<String, Object> health(Map<String, Object> health) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", health.get("status"));
        List<Object> problems = new ArrayList<>();
        for (Object item : list(health.get("components"))) {
            Map<String, Object> component = map(item);
            if (!"up".equals(component.get("state"))) {
                problems.add(component);
            }
        }
        out.put("problems", problems);
        return out;
    }

    private static Map<String, Object> services(Map<String, Object> health) {
        List<Object> running = new ArrayList<>();
        List<Object> other = new ArrayList<>();
        for (Object item : list(health.get("services"))) {
            Map<String, Object> service = map(item);
            if ("running".equals(service.get("state"))) {
                running.add(service.get("name"));
            } else {
                other.add(service);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("running", running);
        out.put("not-running", other);
        return out;
    }

    private static List<Object> links(List<Object> now, List<Object> before, double seconds) {
        List<Object> out = new ArrayList<>();
        for (Object item : now) {
            Map<String, Object> link = map(item);
            Map<String, Object> earlier = before.stream().map(StatusView::map)
                    .filter(b -> b.get("name") != null && b.get("name").equals(link.get("name"))).findFirst()
                    .orElse(link);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", link.get("name"));
            row.put("role", link.get("role"));
            row.put("up", link.get("up"));
            row.put("rx-bytes-per-second", rate(link, earlier, "rx-bytes", seconds));
            row.put("tx-bytes-per-second", rate(link, earlier, "tx-bytes", seconds));
            out.add(row);
        }
        return out;
    }

    private static long rate(Map<String, Object> now, Map<String, Object> before, String key, double seconds) {
        return Math.max(0, Math.round((number(now.get(key)) - number(before.get(key))) / seconds));
    }

    private static Map<String, Object> cpu(Map<String, Object> now, Map<String, Object> before, double seconds) {
        Map<String, Object> out = new LinkedHashMap<>();
        long total = number(now.get("system-total-millis")) - number(before.get("system-total-millis"));
        long busy = number(now.get("system-busy-millis")) - number(before.get("system-busy-millis"));
        long process = number(now.get("process-millis")) - number(before.get("process-millis"));
        out.put("system-percent", total > 0 ? Math.round(1000.0 * busy / total) / 10.0 : 0.0);
        out.put("node-percent-of-one-core", Math.round(process / seconds) / 10.0);
        Optional.ofNullable(now.get("cores")).ifPresent(v -> out.put("cores", v));
        Optional.ofNullable(now.get("share-cap-percent")).ifPresent(v -> out.put("share-cap-percent", v));
        return out;
    }

    private static Map<String, Object> mesh(Optional<Map<String, Object>> routes,
            Optional<Map<String, Object>> neighbors) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (routes.isEmpty() || neighbors.isEmpty()) {
            out.put("state", "off");
            return out;
        }
        Map<String, Object> position = routes.get();
        boolean gateway = Boolean.TRUE.equals(position.get("gateway"));
        long rank = number(position.get("rank"));
        out.put("state", gateway ? "gateway" : rank >= UNATTACHED_RANK ? "no route to a gateway" : "attached");
        out.put("rank", rank);
        Optional.ofNullable(position.get("parent")).ifPresent(p -> out.put("parent", p));
        List<Object> rows = new ArrayList<>();
        for (Object item : list(neighbors.get().get("neighbors"))) {
            Map<String, Object> n = map(item);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", n.get("id"));
            row.put("alive", n.get("alive"));
            row.put("etx", number(n.get("etx-x100")) / 100.0);
            row.put("rank", n.get("rank"));
            row.put("gateway", n.get("gateway"));
            row.put("last-heard-ms", n.get("last-heard-ms"));
            rows.add(row);
        }
        out.put("neighbors", rows);
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
