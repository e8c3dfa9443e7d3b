package io.smartshare.hal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigMapTest {
    private static final String BOARD = """
            name: sim
            coap:
              port: 5683
              multicast: true
            radios: [ip, ble]
            sensors:
              - id: temp
                bus: 1
            """;

    @Test
    void readsTypedValuesAndNestedSections() {
        ConfigMap root = ConfigMap.parse("board.yaml", BOARD);
        assertEquals("sim", root.string("name"));
        ConfigMap coap = root.map("coap");
        assertEquals(5683, coap.integer("port", 0, 65535));
        assertEquals(Optional.of(true), coap.optionalBoolean("multicast"));
        assertEquals(List.of("ip", "ble"), root.stringList("radios"));
        ConfigMap sensor = root.mapList("sensors").get(0);
        assertEquals("sensors[0]", sensor.path());
        assertEquals(7, sensor.line());
        assertEquals(Optional.empty(), root.optionalString("description"));
    }

    @Test
    void unknownKeyIsReportedWithFileLineAndPath() {
        ConfigMap root = ConfigMap.parse("board.yaml", BOARD.replace("multicast: true", "multicats: true"));
        ConfigMap coap = root.map("coap");
        coap.integer("port", 0, 65535);
        coap.optionalBoolean("multicast");
        ConfigException error = assertThrows(ConfigException.class, coap::requireNoOtherKeys);
        assertEquals("board.yaml:4: coap.multicats: unknown key (did you mean 'multicast'?)", error.getMessage());
    }

    @Test
    void wrongTypeNamesExpectedAndFound() {
        ConfigMap coap = ConfigMap.parse("b.yaml", BOARD.replace("5683", "high")).map("coap");
        ConfigException error = assertThrows(ConfigException.class, () -> coap.integer("port", 0, 65535));
        assertEquals("b.yaml:3: coap.port: expected an integer, found 'high'", error.getMessage());
    }

    @Test
    void outOfRangeAndBadChoiceAreRejected() {
        ConfigMap coap = ConfigMap.parse("b.yaml", BOARD.replace("5683", "70000")).map("coap");
        assertEquals(3, assertThrows(ConfigException.class, () -> coap.integer("port", 0, 65535)).line());
        ConfigMap root = ConfigMap.parse("b.yaml", BOARD);
        ConfigException error = assertThrows(ConfigException.class, () -> root.optionalChoice("name", Set.of("pi")));
        assertEquals("b.yaml:1: name: expected one of [pi], found 'sim'", error.getMessage());
    }

    @Test
    void integersMayBeHexadecimalOrUseUnderscores() {
        ConfigMap root = ConfigMap.parse("h.yaml", "address: 0x76\nquota: 1_000\nbad: 0xZZ\n");
        assertEquals(0x76, root.integer("address", 0, 0x7F));
        assertEquals(1000, root.integer("quota", 0, 10_000));
        assertEquals("h.yaml:3: bad: expected an integer, found '0xZZ'",
                assertThrows(ConfigException.class, () -> root.integer("bad", 0, 10)).getMessage());
    }

    @Test
    void missingRequiredKeyPointsAtItsSection() {
        ConfigMap coap = ConfigMap.parse("b.yaml", BOARD).map("coap");
        ConfigException error = assertThrows(ConfigException.class, () -> coap.string("address"));
        assertEquals("b.yaml:3: coap.address: missing required key", error.getMessage());
    }

    @Test
    void duplicateKeysAndBrokenSyntaxAreRejected() {
        ConfigException duplicate = assertThrows(ConfigException.class,
                () -> ConfigMap.parse("d.yaml", "a: 1\nb: 2\na: 3\n"));
        assertEquals(3, duplicate.line(), duplicate.getMessage());
        ConfigException syntax = assertThrows(ConfigException.class,
                () -> ConfigMap.parse("s.yaml", "a: 1\nb: [1, 2\nc: 3\n"));
        assertEquals("s.yaml", syntax.source());
        assertEquals(true, syntax.getMessage().contains("not valid YAML"), syntax.getMessage());
    }

    @Test
    void scalarDocumentAndEmptyDocumentAreRejected() {
        assertThrows(ConfigException.class, () -> ConfigMap.parse("e.yaml", ""));
        assertEquals("t.yaml:1: expected a mapping of keys at the top level",
                assertThrows(ConfigException.class, () -> ConfigMap.parse("t.yaml", "just text")).getMessage());
    }

    @Test
    void unreadableFileIsNamed(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.yaml");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigMap.load(missing));
        assertEquals(missing.toString(), e.source());
        assertEquals(missing + ":0: cannot read: no such file", e.getMessage(), "no Java exception names for an operator");
        Path file = dir.resolve("ok.yaml");
        Files.writeString(file, "name: x\n");
        assertEquals("x", ConfigMap.load(file).string("name"));
    }

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertEquals(0, ConfigMap.editDistance("pull", "pull"));
        assertEquals(1, ConfigMap.editDistance("pul", "pull"));
        assertEquals(2, ConfigMap.editDistance("multicats", "multicast"));
        assertEquals(3, ConfigMap.editDistance("", "abc"));
    }
}
