package io.smartshare.node.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.hal.config.ConfigException;
import io.smartshare.hal.config.ConfigMap;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeConfigReaderTest {
    private static NodeConfig read(String yaml) {
        return NodeConfigReader.read(ConfigMap.parse("node.yaml", yaml));
    }

    @Test
    void emptySectionsKeepTheDefaults() {
        NodeConfig config = read("settings: {}\n");
        assertEquals(NodeConfig.defaults().coapPort(), config.coapPort());
        assertEquals(NodeSettings.defaults(), config.settings());
        assertTrue(config.pskIdentities().isEmpty());
    }

    @Test
    void readsPortsIdentitiesAndSettings() {
        NodeConfig config = read("""
                coap:
                  address: 127.0.0.1
                  port: 6000
                  coaps-port: 6001
                security:
                  psk:
                    - identity: operator
                      key: "0123456789"
                      may-write-config: true
                settings:
                  label: shed
                  share-cpu: true
                """);
        assertEquals(Optional.of("127.0.0.1"), config.bindAddress());
        assertEquals(6000, config.coapPort());
        assertEquals(6001, config.coapsPort());
        PskIdentity operator = config.pskIdentity("operator").orElseThrow();
        assertArrayEquals("0123456789".getBytes(StandardCharsets.UTF_8), operator.key());
        assertTrue(operator.mayWriteConfig());
        assertEquals("shed", config.settings().label());
        assertTrue(config.settings().shareCpu());
        assertFalse(operator.toString().contains("0123456789"), "no secret in toString");
    }

    @Test
    void shortKeyIsRejectedWithoutShowingIt() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> read("security:\n  psk:\n    - identity: op\n      key: short\n"));
        assertEquals("node.yaml:4: security.psk[0].key: expected at least 8 bytes of secret, found 5",
                error.getMessage());
    }

    @Test
    void identityConfiguredTwiceIsRejected() {
        ConfigException error = assertThrows(ConfigException.class, () -> read("""
                security:
                  psk:
                    - {identity: op, key: "0123456789"}
                    - {identity: op, key: "9876543210"}
                """));
        assertTrue(error.getMessage().startsWith("node.yaml:4: security.psk[1].identity:"), error.getMessage());
    }

    @Test
    void servicesSectionsAreKeptForTheirServicesWithTheirLines() {
        NodeConfig config = read("coap: {}\nmqtt:\n  host: broker\n");
        assertEquals(java.util.List.of("mqtt"), java.util.List.copyOf(config.sections().keySet()));
        assertEquals("broker", config.section("mqtt").orElseThrow().string("host"));
    }

    @Test
    void aTopLevelKeyThatIsNotASectionIsRejectedWithItsLine() {
        ConfigException error = assertThrows(ConfigException.class, () -> read("coap: {}\nmqtt: 3\n"));
        assertTrue(error.getMessage().startsWith("node.yaml:2: mqtt: "), error.getMessage());
    }

    @Test
    void overlongLabelIsRejected() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> read("settings:\n  label: " + "x".repeat(65) + "\n"));
        assertEquals("node.yaml:2: settings.label: expected at most 64 characters, found 65", error.getMessage());
    }
}
