package io.smartshare.node.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.hal.config.ConfigException;
import io.smartshare.hal.config.ConfigMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LogLevelsTest {
    @Test
    void commandLineSetsTheDefaultLevelPerComponentLevelsOrBoth() {
        assertEquals(new LogLevels(Optional.of("debug"), Map.of()), LogLevels.parse("DEBUG"));
        assertEquals(new LogLevels(Optional.empty(), Map.of("mesh", "debug", "coap", "warn")),
                LogLevels.parse("mesh=debug, coap=warn"));
        assertEquals(new LogLevels(Optional.of("warn"), Map.of("mesh", "debug")), LogLevels.parse("warn,mesh=debug"));
    }

    @Test
    void anUnknownComponentOrLevelIsNamedWithWhatExists() {
        IllegalArgumentException component = assertThrows(IllegalArgumentException.class, () -> LogLevels.parse("msh=debug"));
        assertTrue(component.getMessage().contains("unknown component 'msh'; expected one of node, coap, ledger"),
                component.getMessage());
        IllegalArgumentException level = assertThrows(IllegalArgumentException.class, () -> LogLevels.parse("verbose"));
        assertEquals("unknown level 'verbose'; expected one of trace, debug, info, warn, error, off", level.getMessage());
    }

    @Test
    void theConfigSectionIsReadWithFileLineAndKeyInItsErrors() {
        LogLevels read = LogLevels.read(ConfigMap.parse("node.yaml", """
                level: warn
                components:
                  mesh: DEBUG
                  californium: info
                """));
        assertEquals(new LogLevels(Optional.of("warn"), Map.of("mesh", "debug", "californium", "info")), read);
        ConfigException misspelt = assertThrows(ConfigException.class, () -> LogLevels.read(ConfigMap.parse("node.yaml",
                "components:\n  meshh: debug\n")));
        assertTrue(misspelt.getMessage().contains("node.yaml") && misspelt.getMessage().contains("meshh")
                && misspelt.getMessage().contains("did you mean 'mesh'"), misspelt.getMessage());
        ConfigException badLevel = assertThrows(ConfigException.class, () -> LogLevels.read(ConfigMap.parse("node.yaml",
                "level: loud\n")));
        assertTrue(badLevel.getMessage().contains("level") && badLevel.getMessage().contains("unknown level 'loud'"),
                badLevel.getMessage());
    }

    @Test
    void theCommandLineWinsOverTheConfigAndApplyingSetsTheLoggersProperties() {
        LogLevels config = new LogLevels(Optional.of("warn"), Map.of("mesh", "debug", "coap", "error"));
        LogLevels merged = config.with(LogLevels.parse("coap=info"));
        assertEquals(new LogLevels(Optional.of("warn"), Map.of("mesh", "debug", "coap", "info")), merged);
        try {
            merged.apply();
            assertEquals("warn", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel"));
            assertEquals("debug", System.getProperty("org.slf4j.simpleLogger.log.io.smartshare.node.mesh"));
            assertEquals("info", System.getProperty("org.slf4j.simpleLogger.log.io.smartshare.node.coap"));
        } finally {
            System.clearProperty("org.slf4j.simpleLogger.defaultLogLevel");
            System.clearProperty("org.slf4j.simpleLogger.log.io.smartshare.node.mesh");
            System.clearProperty("org.slf4j.simpleLogger.log.io.smartshare.node.coap");
        }
    }
}
