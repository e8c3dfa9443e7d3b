package io.smartshare.node.config;

import io.smartshare.hal.config.ConfigMap;
import io.smartshare.node.logging.LogLevels;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operator's configuration of a node: where it listens, who may connect over DTLS,
 * and its starting settings. Built by {@link NodeConfigReader}; immutable.
 *
 * @param bindAddress the address both CoAP endpoints bind to; empty for all addresses
 * @param coapPort UDP port of {@code coap://} (0 picks a free one)
 * @param coapsPort UDP port of {@code coaps://} (0 picks a free one)
 * @param pskIdentities who may connect over {@code coaps://}; none disables coaps
 * @param settings the settings the node starts with, before any stored {@code /config} write
 * @param logging the log levels ({@code logging:}), which {@code run} applies before the node starts
 * @param sections the services' sections ({@code mesh:}, {@code rewards:}, ...), by name, read
 *     by the service of that name ({@link #CORE_SECTIONS} are the node's own)
 */
public record NodeConfig(Optional<String> bindAddress, int coapPort, int coapsPort,
        List<PskIdentity> pskIdentities, NodeSettings settings, LogLevels logging, Map<String, ConfigMap> sections) {
    /** The sections the node's core reads; every other section belongs to the service of its name. */
    public static final Set<String> CORE_SECTIONS = Set.of("coap", "security", "settings", "logging");
    public static final int DEFAULT_COAP_PORT = 5683;
    public static final int DEFAULT_COAPS_PORT = 5684;

    public NodeConfig {
        pskIdentities = List.copyOf(pskIdentities);
        sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections));
    }

    /** The configuration of a node started without {@code --config}. */
    public static NodeConfig defaults() {
        return new NodeConfig(Optional.empty(), DEFAULT_COAP_PORT, DEFAULT_COAPS_PORT, List.of(), NodeSettings.defaults(),
                LogLevels.none(), Map.of());
    }

    public NodeConfig withCoapPort(int port) {
        return new NodeConfig(bindAddress, port, coapsPort, pskIdentities, settings, logging, sections);
    }

    public NodeConfig withCoapsPort(int port) {
        return new NodeConfig(bindAddress, coapPort, port, pskIdentities, settings, logging, sections);
    }

    /** The section named {@code name}, if the operator config has one. */
    public Optional<ConfigMap> section(String name) {
        return Optional.ofNullable(sections.get(name));
    }

    /** The identity named {@code identity}, if the operator configured it. */
    public Optional<PskIdentity> pskIdentity(String identity) {
        return pskIdentities.stream().filter(p -> p.identity().equals(identity)).findFirst();
    }
}
