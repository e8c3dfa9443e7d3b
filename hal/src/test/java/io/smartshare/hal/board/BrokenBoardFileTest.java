package io.smartshare.hal.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smartshare.hal.config.ConfigException;
import org.junit.jupiter.api.Test;

/** One test per class of mistake a vendor can make in a board file; each names file, line and key. */
class BrokenBoardFileTest {
    private static final String VALID = """
            name: test-board
            description: a board for tests
            default-data-dir: /var/lib/smartshare
            platform: linux
            interfaces:
              - name: eth0
                role: wan
            storage:
              quota-mb: 100
            cpu:
              share-cap-percent: 30
            gpio:
              driver: pi4j
              pins:
                - id: led
                  direction: output
                  bcm: 17
                - id: button
                  direction: input
                  bcm: 27
                  pull: up
            sensors:
              - id: env
                type: bme280
                bus: 1
                address: 0x76
            mesh:
              transports: [ip]
            """;

    private static String broken(String from, String to) {
        if (!VALID.contains(from)) {
            throw new IllegalArgumentException("test text lacks: " + from);
        }
        return VALID.replace(from, to);
    }

    private static String error(String text) {
        return assertThrows(ConfigException.class, () -> BoardFiles.parse("b.yaml", text)).getMessage();
    }

    @Test
    void validBaseTextLoads() {
        assertEquals("test-board", BoardFiles.parse("b.yaml", VALID).name());
    }

    @Test
    void yamlSyntaxErrorNamesTheLine() {
        assertEquals(true, error(broken("transports: [ip]", "transports: [ip")).startsWith("b.yaml:29: not valid YAML"));
    }

    @Test
    void unknownTopLevelKey() {
        assertEquals("b.yaml:5: plattform: unknown key (did you mean 'platform'?)", error(broken("platform: linux", "platform: linux\nplattform: x")));
    }

    @Test
    void unknownNestedKey() {
        assertEquals("b.yaml:21: gpio.pins[1].pul: unknown key (did you mean 'pull'?)", error(broken("pull: up", "pul: up")));
    }

    @Test
    void aMisspeltRequiredKeyIsReportedAsMisspeltNotAsMissing() {
        assertEquals("b.yaml:9: storage.quota-mbb: unknown key (did you mean 'quota-mb'?)",
                error(broken("  quota-mb: 100\n", "  quota-mbb: 100\n")));
        assertEquals("b.yaml:3: defualt-data-dir: unknown key (did you mean 'default-data-dir'?)",
                error(broken("default-data-dir:", "defualt-data-dir:")));
    }

    @Test
    void anUnknownKeyFarFromEveryKnownOneGetsNoSuggestion() {
        assertEquals("b.yaml:5: colour: unknown key", error(broken("platform: linux", "platform: linux\ncolour: x")));
    }

    @Test
    void missingRequiredKey() {
        assertEquals("b.yaml:9: storage.quota-mb: missing required key", error(broken("  quota-mb: 100\n", "  path: /srv\n")));
        assertEquals("b.yaml:1: default-data-dir: missing required key",
                error(broken("default-data-dir: /var/lib/smartshare\n", "")));
    }

    @Test
    void wrongType() {
        assertEquals("b.yaml:11: cpu.share-cap-percent: expected an integer, found 'half'",
                error(broken("share-cap-percent: 30", "share-cap-percent: half")));
        assertEquals("b.yaml:5: interfaces: expected a list", error(broken("interfaces:\n  - name: eth0\n    role: wan",
                "interfaces: eth0")));
    }

    @Test
    void numberOutOfRange() {
        assertEquals("b.yaml:11: cpu.share-cap-percent: expected an integer from 1 to 100, found 130",
                error(broken("share-cap-percent: 30", "share-cap-percent: 130")));
    }

    @Test
    void valueNotAmongTheChoices() {
        assertEquals("b.yaml:7: interfaces[0].role: expected one of [lan, mesh, wan], found 'uplink'",
                error(broken("role: wan", "role: uplink")));
        assertEquals("b.yaml:28: mesh.transports: expected items from [ble, ip], found 'lora'",
                error(broken("[ip]", "[ip, lora]")));
    }

    @Test
    void duplicateKey() {
        assertEquals("b.yaml:3: name: duplicate key", error(broken("default-data-dir:", "name: again\ndefault-data-dir:")));
    }

    @Test
    void duplicateIds() {
        assertEquals("b.yaml:18: gpio.pins[1].id: pin id 'led' is used twice", error(broken("id: button", "id: led")));
        assertEquals("b.yaml:8: interfaces[1].name: interface 'eth0' is listed twice",
                error(broken("    role: wan\n", "    role: wan\n  - name: eth0\n    role: lan\n")));
    }

    @Test
    void pinNumberUsedTwice() {
        assertEquals("b.yaml:20: gpio.pins[1].bcm: BCM 17 is already used by pin 'led'", error(broken("bcm: 27", "bcm: 17")));
    }

    @Test
    void pullResistorOnAnOutput() {
        assertEquals("b.yaml:18: gpio.pins[0].pull: only inputs have a pull resistor",
                error(broken("bcm: 17", "bcm: 17\n      pull: down")));
    }

    @Test
    void i2cAddressTheChipCannotHave() {
        assertEquals("b.yaml:26: sensors[0].address: bme280 answers at 0x76 or 0x77, found 0x44",
                error(broken("address: 0x76", "address: 0x44")));
    }

    @Test
    void twoSensorsOnOneBusAddress() {
        String text = broken("    address: 0x76\n", "    address: 0x76\n  - id: env2\n    type: bme280\n    bus: 1\n    address: 0x76\n");
        assertEquals("b.yaml:30: sensors[1].address: bus 1 address 0x76 is already used by sensor 'env'", error(text));
    }

    @Test
    void bleTransportWithoutBleRadio() {
        assertEquals("b.yaml:28: mesh.transports: ble is listed but radios.ble is not configured",
                error(broken("[ip]", "[ip, ble]")));
    }

    @Test
    void meshTimersAndUplinkAreNotTheBoardsToSet() {
        assertEquals("b.yaml:29: mesh.hello-interval-ms: unknown key",
                error(broken("[ip]\n", "[ip]\n  hello-interval-ms: 1000\n")));
        assertEquals("b.yaml:29: mesh.uplink: unknown key", error(broken("[ip]\n", "[ip]\n  uplink: eth0\n")));
    }

    @Test
    void patternInterfaceOnASimBoard() {
        assertEquals("b.yaml:6: interfaces[0].name: a sim board simulates the interfaces it names, so 'eth*' cannot be a pattern",
                error(broken("platform: linux", "platform: sim").replace("name: eth0", "name: eth*")));
    }

    @Test
    void badBoardName() {
        assertEquals("b.yaml:1: name: name must be lower-case letters, digits and '-', found 'Test Board'",
                error(broken("name: test-board", "name: Test Board")));
    }

    @Test
    void everyWrongPartIsReportedInOneRunInFileOrder() {
        String text = broken("share-cap-percent: 30", "share-cap-percent: 130")
                .replace("role: wan", "role: uplink")
                .replace("pull: up", "pul: up")
                .replace("address: 0x76", "address: 0x44")
                .replace("platform: linux", "platform: linux\ncolour: x");
        ConfigException e = assertThrows(ConfigException.class, () -> BoardFiles.parse("b.yaml", text));
        assertEquals("""
                b.yaml:5: colour: unknown key
                b.yaml:8: interfaces[0].role: expected one of [lan, mesh, wan], found 'uplink'
                b.yaml:12: cpu.share-cap-percent: expected an integer from 1 to 100, found 130
                b.yaml:22: gpio.pins[1].pul: unknown key (did you mean 'pull'?)
                b.yaml:27: sensors[0].address: bme280 answers at 0x76 or 0x77, found 0x44""", e.getMessage());
        assertEquals(5, e.problems());
        assertEquals(5, e.line(), "the first problem's line");
    }

    @Test
    void emptyDocument() {
        assertEquals("b.yaml:1: empty document", error(""));
    }
}
