package io.smartshare.node.logging;

import io.smartshare.hal.config.ConfigMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How much each part of the node logs: a default level and a level per component, from the
 * operator config's {@code logging:} section and {@code run --log-level} (which wins):
 * <pre>
 * logging:
 *   level: info              # every component's, unless named below; default info
 *   components:
 *     mesh: debug
 *     californium: warn
 * </pre>
 * Levels: trace, debug, info, warn, error, off. A component is a part of the node as the
 * operator knows it ({@link #COMPONENTS}), which stands for the packages that implement it.
 * The levels must be {@linkplain #apply() applied} before the first logger is made (the
 * logger reads them once): {@code run} does it before it starts the node. Immutable.
 */
public record LogLevels(Optional<String> level, Map<String, String> components) {
    /** The levels the logger knows. */
    public static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error", "off");

    /** Each component and the logger name prefixes it stands for. */
    public static final Map<String, List<String>> COMPONENTS = componentTable();

    private static final String PREFIX = "org.slf4j.simpleLogger.";

    public LogLevels {
        level.ifPresent(LogLevels::requireLevel);
        components.forEach((component, value) -> {
            if (!COMPONENTS.containsKey(component)) {
                throw new IllegalArgumentException("unknown component '" + component + "'; expected one of "
                        + String.join(", ", COMPONENTS.keySet()));
            }
            requireLevel(value);
        });
        components = Map.copyOf(components);
    }

    /** No levels set: the logger's own defaults (docs/operator-guide.md "Logs"). */
    public static LogLevels none() {
        return new LogLevels(Optional.empty(), Map.of());
    }

    /** The {@code logging:} section of an operator config; errors name the file, line and key. */
    public static LogLevels read(ConfigMap section) {
        Optional<String> level = section.optionalString("level").map(v -> level(section, "level", v));
        Map<String, String> components = new LinkedHashMap<>();
        Optional<ConfigMap> named = section.optionalMap("components");
        if (named.isPresent()) {
            ConfigMap map = named.get();
            for (String component : COMPONENTS.keySet()) {
                map.optionalString(component).ifPresent(v -> components.put(component, level(map, component, v)));
            }
            map.requireNoOtherKeys();
        }
        section.requireNoOtherKeys();
        return new LogLevels(level, components);
    }

    /** {@code value} of {@code key} as a level, lower case; an error naming the key if it is none. */
    private static String level(ConfigMap map, String key, String value) {
        String level = lower(value);
        if (!LEVELS.contains(level)) {
            throw map.invalid(key, unknownLevel(value));
        }
        return level;
    }

    /**
     * {@code --log-level SPEC}: a level for every component ({@code debug}), levels for some
     * ({@code mesh=debug,coap=warn}), or both ({@code warn,mesh=debug}).
     *
     * @throws IllegalArgumentException naming what in {@code spec} is wrong
     */
    public static LogLevels parse(String spec) {
        Optional<String> level = Optional.empty();
        Map<String, String> components = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String item = part.trim();
            int equals = item.indexOf('=');
            if (equals < 0) {
                level = Optional.of(lower(item));
            } else {
                components.put(lower(item.substring(0, equals).trim()), lower(item.substring(equals + 1).trim()));
            }
        }
        return new LogLevels(level, components);
    }

    /** These levels, then {@code other}'s on top (the command line's over the config's). */
    public LogLevels with(LogLevels other) {
        Map<String, String> merged = new LinkedHashMap<>(components);
        merged.putAll(other.components);
        return new LogLevels(other.level.or(() -> level), merged);
    }

    /** Hands the levels to the logger; call it before the first logger is made. */
    public void apply() {
        level.ifPresent(l -> System.setProperty(PREFIX + "defaultLogLevel", l));
        components.forEach((component, l) -> COMPONENTS.get(component)
                .forEach(name -> System.setProperty(PREFIX + "log." + name, l)));
    }

    private static Map<String, List<String>> componentTable() {
        Map<String, List<String>> c = new LinkedHashMap<>();
        c.put("node", List.of("io.smartshare.node.daemon", "io.smartshare.node.lifecycle",
                "io.smartshare.node.scheduling", "io.smartshare.node.events"));
        c.put("coap", List.of("io.smartshare.node.coap"));
        c.put("ledger", List.of("io.smartshare.ledger", "io.smartshare.node.ledger"));
        c.put("hal", List.of("io.smartshare.hal", "io.smartshare.node.sensors"));
        c.put("metering", List.of("io.smartshare.node.metering"));
        c.put("mesh", List.of("io.smartshare.node.mesh"));
        c.put("uplink", List.of("io.smartshare.node.uplink"));
        c.put("rewards", List.of("io.smartshare.node.rewards", "io.smartshare.contracts"));
        c.put("storage", List.of("io.smartshare.node.storage"));
        c.put("compute", List.of("io.smartshare.node.compute"));
        c.put("beacon", List.of("io.smartshare.node.beacon"));
        c.put("mqtt", List.of("io.smartshare.node.telemetry", "org.eclipse.paho"));
        c.put("fleet", List.of("io.smartshare.node.fleet"));
        c.put("californium", List.of("org.eclipse.californium"));
        c.put("pi4j", List.of("com.pi4j"));
        return java.util.Collections.unmodifiableMap(c);
    }

    private static void requireLevel(String value) {
        if (!LEVELS.contains(value)) {
            throw new IllegalArgumentException(unknownLevel(value));
        }
    }

    private static String unknownLevel(String value) {
        return "unknown level '" + value + "'; expected one of " + String.join(", ", LEVELS);
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
