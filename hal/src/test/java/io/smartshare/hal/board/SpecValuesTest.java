package io.smartshare.hal.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The spec values check themselves, so code that builds one without a file gets the same guarantees. */
class SpecValuesTest {
    private static final PinSpec LED = new PinSpec("led", PinSpec.Direction.OUTPUT, 17, false, PinSpec.Pull.NONE);
    private static final MeshSpec MESH = new MeshSpec(Set.of(MeshSpec.Transport.IP), 8);

    private static BoardSpec board(List<LinkSpec> interfaces, List<SensorSpec> sensors) {
        return new BoardSpec("b", "d", "s", "/data", BoardSpec.Platform.LINUX, 1, interfaces,
                new StorageSpec(Optional.empty(), 0), new CpuSpec(10), RadioSpec.none(), Optional.empty(), sensors, MESH);
    }

    @Test
    void gpioRejectsDuplicatePinsAndNumbers() {
        PinSpec sameId = new PinSpec("led", PinSpec.Direction.INPUT, 18, false, PinSpec.Pull.UP);
        PinSpec sameNumber = new PinSpec("button", PinSpec.Direction.INPUT, 17, false, PinSpec.Pull.UP);
        assertEquals("pin id 'led' is used twice", assertThrows(IllegalArgumentException.class,
                () -> new GpioSpec(GpioSpec.Driver.SIM, 0, List.of(LED, sameId))).getMessage());
        assertEquals("BCM 17 is used twice", assertThrows(IllegalArgumentException.class,
                () -> new GpioSpec(GpioSpec.Driver.SIM, 0, List.of(LED, sameNumber))).getMessage());
    }

    @Test
    void boardRejectsDuplicateInterfacesSensorsAndBusAddresses() {
        LinkSpec eth0 = new LinkSpec("eth0", LinkSpec.Role.WAN);
        assertEquals("interface 'eth0' is listed twice", assertThrows(IllegalArgumentException.class,
                () -> board(List.of(eth0, eth0), List.of())).getMessage());
        SensorSpec a = new SensorSpec.I2c("a", SensorSpec.I2c.Chip.SHT3X, 1, 0x44, Duration.ofSeconds(1), false);
        SensorSpec b = new SensorSpec.I2c("b", SensorSpec.I2c.Chip.SHT3X, 1, 0x44, Duration.ofSeconds(1), false);
        assertEquals("bus 1 address 0x44 is used twice", assertThrows(IllegalArgumentException.class,
                () -> board(List.of(eth0), List.of(a, b))).getMessage());
        assertEquals("sensor id 'a' is used twice", assertThrows(IllegalArgumentException.class,
                () -> board(List.of(eth0), List.of(a, a))).getMessage());
    }

    @Test
    void meshOverBleNeedsABleRadio() {
        MeshSpec overBle = new MeshSpec(Set.of(MeshSpec.Transport.BLE), 8);
        assertThrows(IllegalArgumentException.class, () -> new BoardSpec("b", "d", "s", "/data", BoardSpec.Platform.SIM, 1,
                List.of(), new StorageSpec(Optional.empty(), 0), new CpuSpec(10), RadioSpec.none(), Optional.empty(),
                List.of(), overBle));
    }

    @Test
    void i2cChipsOnlyTakeTheirStrapAddresses() {
        assertEquals("sht3x answers at 0x44 or 0x45, found 0x76", assertThrows(IllegalArgumentException.class,
                () -> new SensorSpec.I2c("c", SensorSpec.I2c.Chip.SHT3X, 1, 0x76, Duration.ofSeconds(1), false)).getMessage());
    }
}
