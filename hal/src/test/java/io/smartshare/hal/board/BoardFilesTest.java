package io.smartshare.hal.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.hal.config.ConfigException;
import io.smartshare.hal.sensor.Quantity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BoardFilesTest {
    private static final Path BOARD_DIR = Path.of("..", "board-configs");

    static Stream<String> bundledNames() {
        return BoardFiles.BUNDLED.stream();
    }

    @ParameterizedTest
    @MethodSource("bundledNames")
    void everyBundledBoardLoadsByNameAndFromItsFile(String name) {
        BoardSpec byName = BoardFiles.resolve(name);
        assertEquals(name, byName.name());
        assertEquals("board-configs/" + name + ".yaml", byName.source());
        assertFalse(byName.description().isBlank());
        assertFalse(byName.interfaces().isEmpty(), "a board meters at least one interface");
        BoardSpec fromFile = BoardFiles.resolve(BOARD_DIR.resolve(name + ".yaml").toString());
        assertEquals(byName.interfaces(), fromFile.interfaces());
        assertEquals(byName.sensors(), fromFile.sensors());
    }

    @Test
    void bundledListMatchesTheFilesInBoardConfigs() throws IOException {
        try (Stream<Path> files = Files.list(BOARD_DIR)) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length()))
                    .sorted().toList();
            assertEquals(BoardFiles.BUNDLED.stream().sorted().toList(), names);
        }
    }

    @Test
    void simBoardHasEverySection() {
        BoardSpec sim = BoardFiles.resolve("sim");
        assertEquals("./var", sim.defaultDataDir());
        assertEquals(BoardSpec.Platform.SIM, sim.platform());
        assertEquals(42, sim.seed());
        assertEquals(new LinkSpec("sim-wan", LinkSpec.Role.WAN), sim.interfaces().get(0));
        assertEquals(Optional.of("storage"), sim.storage().path());
        assertEquals(256L * 1024 * 1024, sim.storage().quotaBytes());
        assertEquals(Path.of("var", "storage"), sim.storage().resolve(Path.of("var")));
        assertEquals(25, sim.cpu().shareCapPercent());
        assertEquals(BleSpec.Driver.SIM, sim.radios().ble().orElseThrow().driver());
        assertEquals(5.0, sim.radios().ble().orElseThrow().lossPercent());
        assertEquals(List.of("status-led", "button"), sim.pins().stream().map(PinSpec::id).toList());
        PinSpec button = sim.pins().get(1);
        assertTrue(button.activeLow());
        assertEquals(PinSpec.Pull.UP, button.pull());
        SensorSpec.Sim temperature = (SensorSpec.Sim) sim.sensors().get(0);
        assertEquals(Quantity.TEMPERATURE, temperature.quantity());
        assertEquals(Duration.ofSeconds(5), temperature.poll());
        assertTrue(sim.mesh().transports().contains(MeshSpec.Transport.BLE));
    }

    @Test
    void storageDefaultsToSharedUnderTheDataDirAndMountedDisksAreAbsolute() {
        StorageSpec generic = BoardFiles.resolve("generic-linux").storage();
        assertEquals(Path.of("/data/shared"), generic.resolve(Path.of("/data")));
        assertTrue(generic.underDataDir());
        StorageSpec router = BoardFiles.resolve("gl-inet-mt3000").storage();
        assertEquals(Path.of("/mnt/sda1/smartshare"), router.resolve(Path.of("/etc/smartshare")));
        assertFalse(router.underDataDir());
    }

    @Test
    void devicesKeepTheirDataOutsideTheWorkingDirectory() {
        assertEquals("/var/lib/smartshare", BoardFiles.resolve("generic-linux").defaultDataDir());
        assertEquals("/etc/smartshare", BoardFiles.resolve("gl-inet-mt3000").defaultDataDir());
    }

    @Test
    void i2cSensorsCarryBusAndHexAddress() {
        BoardSpec pi5 = BoardFiles.resolve("raspberry-pi-5");
        assertEquals(new SensorSpec.I2c("environment", SensorSpec.I2c.Chip.BME280, 1, 0x77, Duration.ofSeconds(10), false),
                pi5.sensors().get(1));
        assertEquals(571, pi5.gpio().orElseThrow().sysfsBase());
    }

    @Test
    void aSensorTheDeviceMayLackIsOptional() {
        assertTrue(BoardFiles.resolve("generic-linux").sensors().get(0).optional(),
                "a VM has no thermal zone: generic-linux's cpu-temperature is optional");
        assertFalse(BoardFiles.resolve("raspberry-pi-4b").sensors().get(0).optional());
    }

    @Test
    void routerMetersItsOpenWrtInterfaceMap() {
        BoardSpec router = BoardFiles.resolve("gl-inet-mt3000");
        assertEquals(List.of("eth0", "br-lan", "eth1", "phy0-ap*", "phy1-ap*"),
                router.interfaces().stream().map(LinkSpec::name).toList());
        assertTrue(router.interfaces().get(3).matches("phy0-ap0"));
        assertFalse(router.interfaces().get(3).matches("phy1-ap0"));
        assertTrue(router.radios().ble().isEmpty());
        assertEquals(Optional.empty(), router.gpio());
    }

    @Test
    void unknownNameListsTheKnownBoards() {
        ConfigException error = assertThrows(ConfigException.class, () -> BoardFiles.resolve("raspbery-pi-4b"));
        assertTrue(error.getMessage().startsWith("raspbery-pi-4b:0: no bundled board of that name; known boards: sim, "),
                error.getMessage());
        assertTrue(error.getMessage().contains("raspberry-pi-4b"), error.getMessage());
    }

    @Test
    void pathsAreReadAsFiles(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("mine.yml");
        Files.writeString(file, Files.readString(BOARD_DIR.resolve("generic-linux.yaml")).replace("name: generic-linux", "name: mine"));
        assertEquals("mine", BoardFiles.resolve(file.toString()).name());
        assertEquals(file.toString(), BoardFiles.load(file).source());
        ConfigException missing = assertThrows(ConfigException.class,
                () -> BoardFiles.resolve(dir.resolve("absent.yaml").toString()));
        assertTrue(missing.getMessage().contains("cannot read"), missing.getMessage());
    }
}
