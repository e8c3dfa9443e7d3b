package io.smartshare.node.lifecycle;

import io.smartshare.hal.board.BoardSpec;
import io.smartshare.hal.config.ConfigException;
import io.smartshare.hal.config.ConfigMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which services run, configured and in start order. Made before anything runs: each service
 * reads its section of the operator config and the board, and says whether it runs; a
 * section can also turn its service off ({@code enabled: false}); a service whose {@link
 * NodeService#needs needs} do not run does not run either. Immutable.
 */
public final class ServicePlan {
    private final List<NodeService> order;
    private final Map<String, String> off;
    private final List<String> names;

    private ServicePlan(List<NodeService> order, Map<String, String> off, List<String> names) {
        this.order = List.copyOf(order);
        this.off = Map.copyOf(off);
        this.names = List.copyOf(names);
    }

    /**
     * Configures {@code services}.
     *
     * @param sections the operator config's sections that no core part reads, by name
     * @param coreSections the sections the node's core reads, for the message about an unknown one
     * @throws ConfigException for an unknown section (naming the sections that exist) or a bad key
     */
    public static ServicePlan configure(List<NodeService> services, Map<String, ConfigMap> sections,
            Set<String> coreSections, BoardSpec board, RunOptions options, CoapRequests coap) {
        Map<String, NodeService> byName = new LinkedHashMap<>();
        for (NodeService service : services) {
            if (byName.putIfAbsent(service.name(), service) != null || coreSections.contains(service.name())) {
                throw new IllegalStateException("two parts of the node are named '" + service.name() + "'");
            }
        }
        for (Map.Entry<String, ConfigMap> section : sections.entrySet()) {
            if (!byName.containsKey(section.getKey())) {
                Set<String> known = new TreeSet<>(coreSections);
                known.addAll(byName.keySet());
                ConfigMap map = section.getValue();
                throw new ConfigException(map.source(), map.keyLine(), section.getKey(),
                        "unknown section; the sections are " + String.join(", ", known));
            }
        }
        Map<String, String> off = new LinkedHashMap<>();
        for (NodeService service : byName.values()) {
            Optional<ConfigMap> section = Optional.ofNullable(sections.get(service.name()));
            if (section.isPresent() && !section.get().optionalBoolean("enabled").orElse(true)) {
                off.put(service.name(), "turned off by " + service.name() + ".enabled in " + section.get().source());
                continue;
            }
            ConfigMap map = section.orElseGet(() -> ConfigMap.parse("operator config", "{}"));
            Activation activation = service.configure(new ServiceConfig(map, board, options, coap));
            map.requireNoOtherKeys();
            if (!activation.runs()) {
                off.put(service.name(), activation.reason());
            }
        }
        return new ServicePlan(order(byName, off), off, List.copyOf(byName.keySet()));
    }

    /** Drops services whose needs do not run, then sorts the rest so that each starts after what it needs or follows. */
    private static List<NodeService> order(Map<String, NodeService> byName, Map<String, String> off) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (NodeService service : byName.values()) {
                if (off.containsKey(service.name())) {
                    continue;
                }
                for (String need : new TreeSet<>(service.needs())) {
                    if (!byName.containsKey(need) || off.containsKey(need)) {
                        off.put(service.name(), "needs the " + need + " service, which does not run"
                                + Optional.ofNullable(off.get(need)).map(r -> " (" + r + ")").orElse(""));
                        changed = true;
                        break;
                    }
                }
            }
        }
        List<NodeService> order = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        List<NodeService> waiting = new ArrayList<>(byName.values().stream().filter(s -> !off.containsKey(s.name())).toList());
        while (!waiting.isEmpty()) {
            NodeService next = waiting.stream().filter(s -> before(s, byName, off).stream().allMatch(placed::contains))
                    .findFirst().orElseThrow(() -> new IllegalStateException("services wait for each other: "
                            + waiting.stream().map(NodeService::name).toList()));
            order.add(next);
            placed.add(next.name());
            waiting.remove(next);
        }
        return order;
    }

    private static Set<String> before(NodeService service, Map<String, NodeService> byName, Map<String, String> off) {
        Set<String> before = new TreeSet<>(service.needs());
        service.after().stream().filter(name -> byName.containsKey(name) && !off.containsKey(name)).forEach(before::add);
        return before;
    }

    /** The services that run, in start order. */
    public List<NodeService> order() {
        return order;
    }

    /** Why each service that does not run does not. */
    public Map<String, String> off() {
        return off;
    }

    /** Every service's name, as found. */
    public List<String> names() {
        return names;
    }
}
