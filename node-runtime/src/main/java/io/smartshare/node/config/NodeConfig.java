package io.smartshare.node.config;

import java.util.List;
import java.util.Optional;

/**
 * The operator's configuration of a node: where it listens, who may connect over DTLS,
 * and its starting settings. Built by {@link NodeConfigReader}; immutable.
 *
 * @param bindAddress the address both CoAP endpoints bind to; empty for all addresses
 * @param coapPort UDP port of {@code coap://} (0 picks a free one)
 * @param coapsPort UDP port of {@code coaps://} (0 picks a free one)
 * @param pskIdentities who may connect over {@code coaps://}; none disables coaps
 * @param settings the settings the node starts with, before any stored {@code /config} write
 * @param rewards trusted schedule issuers, the schedule in force and the receipt interval
 */
public record NodeConfig(Optional<String> bindAddress, int coapPort, int coapsPort,
        List<PskIdentity> pskIdentities, NodeSettings settings, RewardsConfig rewards) {
    public static final int DEFAULT_COAP_PORT = 5683;
    public static final int DEFAULT_COAPS_PORT = 5684;

    public NodeConfig {
        pskIdentities = List.copyOf(pskIdentities);
    }

    /** The configuration of a node started without {@code --config}. */
    public static NodeConfig defaults() {
        return new NodeConfig(Optional.empty(), DEFAULT_COAP_PORT, DEFAULT_COAPS_PORT, List.of(), NodeSettings.defaults(),
                RewardsConfig.defaults());
    }

    public NodeConfig withCoapPort(int port) {
        return new NodeConfig(bindAddress, port, coapsPort, pskIdentities, settings, rewards);
    }

    public NodeConfig withCoapsPort(int port) {
        return new NodeConfig(bindAddress, coapPort, port, pskIdentities, settings, rewards);
    }

    /** The identity named {@code identity}, if the operator configured it. */
    public Optional<PskIdentity> pskIdentity(String identity) {
        return pskIdentities.stream().filter(p -> p.identity().equals(identity)).findFirst();
    }
}
