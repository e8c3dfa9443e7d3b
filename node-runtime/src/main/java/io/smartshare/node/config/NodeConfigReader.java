package io.smartshare.node.config;

import io.smartshare.hal.config.ConfigMap;
import io.smartshare.node.logging.LogLevels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an operator config file (YAML):
 * <pre>
 * coap:
 *   address: 0.0.0.0          # optional; all addresses when absent
 *   port: 5683
 *   coaps-port: 5684
 * security:
 *   psk:
 *     - identity: operator
 *       key: "a long secret"  # the text given to coap-client -k
 *       may-write-config: true
 * settings:                   # see NodeSettings; also writable over coaps /config
 *   label: roof-router
 * logging:                    # see LogLevels
 *   components: {mesh: debug}
 * rewards:                    # a service's section: read by the service of that name
 *   trusted-issuers: [0b3c...]
 * </pre>
 * Every key is optional. Every other top-level key must be a mapping: a service's section,
 * which the service reads when the node starts (an unknown section is refused then, naming the
 * sections that exist). Errors name file, line and key ({@link io.smartshare.hal.config.ConfigException}).
 */
public final class NodeConfigReader {
    private NodeConfigReader() {
    }

    /** Reads {@code file} on top of the defaults. */
    public static NodeConfig read(Path file) {
        return read(ConfigMap.load(file));
    }

    /** Reads {@code file} if there is one, else the defaults. */
    public static NodeConfig read(Optional<Path> file) {
        return file.map(NodeConfigReader::read).orElseGet(NodeConfig::defaults);
    }

    static NodeConfig read(ConfigMap root) {
        NodeConfig defaults = NodeConfig.defaults();
        NodeConfig config = defaults;
        var coap = root.optionalMap("coap");
        if (coap.isPresent()) {
            ConfigMap c = coap.get();
            config = new NodeConfig(c.optionalString("address"),
                    c.optionalInteger("port", 0, 65535).map(Long::intValue).orElse(defaults.coapPort()),
                    c.optionalInteger("coaps-port", 0, 65535).map(Long::intValue).orElse(defaults.coapsPort()),
                    List.of(), defaults.settings(), defaults.logging(), Map.of());
            c.requireNoOtherKeys();
        }
        List<PskIdentity> identities = root.optionalMap("security").map(NodeConfigReader::readSecurity).orElse(List.of());
        NodeSettings settings = root.optionalMap("settings")
                .map(s -> NodeSettings.read(s, defaults.settings()))
                .orElse(defaults.settings());
        LogLevels logging = root.optionalMap("logging").map(LogLevels::read).orElse(defaults.logging());
        Map<String, ConfigMap> sections = new LinkedHashMap<>();
        for (String key : root.keys()) {
            if (!NodeConfig.CORE_SECTIONS.contains(key)) {
                sections.put(key, root.map(key));
            }
        }
        root.requireNoOtherKeys();
        return new NodeConfig(config.bindAddress(), config.coapPort(), config.coapsPort(), identities, settings, logging,
                sections);
    }

    private static List<PskIdentity> readSecurity(ConfigMap security) {
        List<PskIdentity> identities = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ConfigMap entry : security.mapList("psk")) {
            String identity = entry.string("identity");
            if (identity.isEmpty() || identity.length() > 128) {
                throw entry.invalid("identity", "expected 1 to 128 characters");
            }
            if (!seen.add(identity)) {
                throw entry.invalid("identity", "identity '" + identity + "' is configured twice");
            }
            byte[] key = entry.string("key").getBytes(StandardCharsets.UTF_8);
            if (key.length < 8) {
                throw entry.invalid("key", "expected at least 8 bytes of secret, found " + key.length);
            }
            boolean mayWrite = entry.optionalBoolean("may-write-config").orElse(false);
            entry.requireNoOtherKeys();
            identities.add(new PskIdentity(identity, key, mayWrite));
        }
        security.requireNoOtherKeys();
        return identities;
    }
}
