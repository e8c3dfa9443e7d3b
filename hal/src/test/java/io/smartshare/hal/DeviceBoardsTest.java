package io.smartshare.hal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import io.smartshare.hal.board.BoardFiles;
import io.smartshare.hal.board.LinkSpec;
import io.smartshare.hal.device.Board;
import io.smartshare.hal.driver.linux.LinuxDriver;
import io.smartshare.hal.driver.pi4j.Bme280Fixture;
import io.smartshare.hal.driver.pi4j.MockPi4j;
import io.smartshare.hal.driver.tinyb.TinybDriver;
import io.smartshare.hal.health.DriverHealth;
import io.smartshare.hal.health.DriverState;
import io.smartshare.hal.meter.IpLink;
import io.smartshare.hal.sensor.Reading;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Device boards opened on this host with the hardware they expect missing or mocked: a
 * captured /proc and /sys tree from the device, Pi4J's mock plugin, and no BLE.
 */
class DeviceBoardsTest {
    @TempDir
    Path root;
    private Context pi4j;

    @BeforeEach
    void mockPi4j() {
        pi4j = MockPi4j.context();
    }

    @AfterEach
    void shutDown() {
        pi4j.shutdown();
    }

    /** A /proc and /sys tree holding the device's captured files. */
    private LinuxDriver capturedKernel(String netDev, String stat, String millidegrees) throws IOException {
        Files.createDirectories(root.resolve("proc/net"));
        Files.createDirectories(root.resolve("proc/self"));
        copySample(netDev, root.resolve("proc/net/dev"));
        copySample(stat, root.resolve("proc/stat"));
        copySample("self-stat-java-parens.txt", root.resolve("proc/self/stat"));
        Path zone = Files.createDirectories(root.resolve("sys/class/thermal/thermal_zone0"));
        Files.writeString(zone.resolve("temp"), millidegrees + "\n");
        return new LinuxDriver(root.resolve("proc"), root.resolve("sys"));
    }

    private static void copySample(String name, Path to) throws IOException {
        try (InputStream in = DeviceBoardsTest.class.getResourceAsStream("/proc/" + name)) {
            Files.copy(in, to);
        }
    }

    private TinybDriver noBluetooth(String arch) {
        return new TinybDriver(root.resolve("sys/class/bluetooth"), root.resolve("run/dbus/system_bus_socket"), "Linux", arch);
    }

    private static Map<String, DriverHealth> byComponent(Board board) {
        return board.health().stream().collect(Collectors.toMap(DriverHealth::component, h -> h));
    }

    @Test
    void raspberryPiOpensWithoutBleOrBme280AndSaysWhy() throws Exception {
        try (Board board = Board.builder(BoardFiles.resolve("raspberry-pi-4b")).dataDir(root.resolve("data"))
                .linux(capturedKernel("net-dev-raspberry-pi-4b.txt", "stat-raspberry-pi-4b.txt", "48312"))
                .pi4j(pi4j).tinyb(noBluetooth("aarch64")).withoutPolling().open()) {
            assertEquals(List.of(new IpLink("eth0", LinkSpec.Role.WAN, false, 734128830, 48203381),
                    new IpLink("wlan0", LinkSpec.Role.LAN, false, 3301290, 812004)),
                    board.links().list());
            assertEquals(4, board.cpu().read().cores());
            assertTrue(board.ble().isEmpty());
            Map<String, DriverHealth> health = byComponent(board);
            assertEquals(new DriverHealth("ble", "tinyb", DriverState.ABSENT,
                    "no tinyb natives for os.arch=aarch64 (the tinyb artifact ships Linux armv6, x86 and x86-64 only)", false),
                    health.get("ble"));
            assertEquals(DriverState.UP, health.get("gpio").state());
            assertEquals(DriverState.UP, health.get("sensor:cpu-temperature").state());
            assertEquals(48.312, board.sensors().latest("cpu-temperature").orElseThrow().get(0).value(), 1e-9);
            DriverHealth bme = health.get("sensor:environment");
            assertEquals(DriverState.DEGRADED, bme.state());
            assertTrue(bme.reason().startsWith("sensor environment (bme280, bus 1, address 0x76): reading register 0xd0"),
                    bme.reason());
            assertTrue(board.sensors().latest("environment").isEmpty());
            // The shared directory is made under the data directory.
            assertEquals(DriverState.UP, health.get("storage").state(), health.get("storage").toString());
            assertTrue(Files.isDirectory(root.resolve("data/shared")));
        }
    }

    @Test
    void gpioPinsMapActiveLowAndReportButtonPresses() throws Exception {
        try (Board board = Board.builder(BoardFiles.resolve("raspberry-pi-4b")).dataDir(root.resolve("data"))
                .linux(capturedKernel("net-dev-raspberry-pi-4b.txt", "stat-raspberry-pi-4b.txt", "40000"))
                .pi4j(pi4j).tinyb(noBluetooth("aarch64")).withoutPolling().open()) {
            var led = board.output("status-led").orElseThrow();
            com.pi4j.io.gpio.digital.DigitalOutput ledPin = pi4j.registry().get("pin-status-led");
            assertEquals(512 + 17, ledPin.address().intValue());
            assertEquals(DigitalState.LOW, ledPin.state());
            led.set(true);
            assertEquals(DigitalState.HIGH, ledPin.state());
            assertTrue(led.isOn());

            var button = board.input("button").orElseThrow();
            MockDigitalInput buttonPin = pi4j.registry().get("pin-button");
            assertEquals(512 + 27, buttonPin.address().intValue());
            List<Boolean> presses = new ArrayList<>();
            button.onChange(presses::add);
            buttonPin.mockState(DigitalState.HIGH);
            assertTrue(!button.isActive(), "pulled up, active low: high is released");
            buttonPin.mockState(DigitalState.LOW);
            assertTrue(button.isActive());
            assertEquals(List.of(false, true), presses);
        }
    }

    @Test
    void bme280OnTheMockBusIsReadThroughTheBoard() throws Exception {
        try (Board board = Board.builder(BoardFiles.resolve("raspberry-pi-4b")).dataDir(root.resolve("data"))
                .linux(capturedKernel("net-dev-raspberry-pi-4b.txt", "stat-raspberry-pi-4b.txt", "40000"))
                .pi4j(pi4j).tinyb(noBluetooth("aarch64")).withoutPolling().open()) {
            com.pi4j.io.i2c.I2C chip = MockPi4j.device(pi4j, 1, 0x76);
            chip.writeRegister(0xD0, (byte) 0x60);
            chip.writeRegister(0x88, Bme280Fixture.calibrationTp());
            chip.writeRegister(0xA1, (byte) Bme280Fixture.H1);
            chip.writeRegister(0xE1, Bme280Fixture.calibrationH());
            chip.writeRegister(0xF7, Bme280Fixture.datasheetData());
            List<Reading> heard = new ArrayList<>();
            board.sensors().listen("environment", heard::add);
            board.sensors().pollNow();
            assertEquals(3, heard.size());
            assertEquals(25.08, heard.get(0).value(), 1e-9);
            assertEquals(DriverState.UP, byComponent(board).get("sensor:environment").state());
        }
    }

    @Test
    void routerMetersItsOpenWrtInterfaces() throws Exception {
        try (Board board = Board.builder(BoardFiles.resolve("gl-inet-mt3000")).dataDir(root.resolve("data"))
                .linux(capturedKernel("net-dev-openwrt-mt3000.txt", "stat-openwrt-mt3000.txt", "61250"))
                .tinyb(noBluetooth("aarch64")).withoutPolling().open()) {
            assertEquals(List.of("eth0", "eth1", "br-lan", "phy0-ap0", "phy1-ap0"),
                    board.links().list().stream().map(IpLink::name).toList());
            assertEquals(2, board.cpu().read().cores());
            assertEquals(61.25, board.sensors().latest("soc-temperature").orElseThrow().get(0).value(), 1e-9);
            assertTrue(board.health().stream().noneMatch(h -> h.component().equals("ble") || h.component().equals("gpio")));
        }
    }

    @Test
    void bleIsAbsentWithTheFirstMissingPieceAsReason() throws Exception {
        var spec = BoardFiles.resolve("raspberry-pi-zero-2w");
        LinuxDriver linux = capturedKernel("net-dev-raspberry-pi-4b.txt", "stat-raspberry-pi-4b.txt", "40000");
        try (Board board = Board.builder(spec).dataDir(root).linux(linux).pi4j(pi4j).tinyb(noBluetooth("arm"))
                .withoutPolling().open()) {
            assertEquals("no Bluetooth adapter hci0 in " + root.resolve("sys/class/bluetooth"),
                    byComponent(board).get("ble").reason());
        }
        Files.createDirectories(root.resolve("sys/class/bluetooth/hci0"));
        try (Board board = Board.builder(spec).dataDir(root).linux(linux).pi4j(pi4j).tinyb(noBluetooth("arm"))
                .withoutPolling().open()) {
            assertEquals("BlueZ not reachable: no D-Bus system bus at " + root.resolve("run/dbus/system_bus_socket"),
                    byComponent(board).get("ble").reason());
        }
    }
}
