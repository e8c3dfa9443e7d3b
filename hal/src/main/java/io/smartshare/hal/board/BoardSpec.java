package io.smartshare.hal.board;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything a board file says about one kind of device: which interfaces, disk and CPU
 * the node meters and shares, its radios, sensors and pins, and its mesh defaults.
 * Immutable and fully validated: an instance exists only for a file that passed every
 * check. Read one with {@link BoardFiles}; the format is {@code board-configs/SCHEMA.md}.
 *
 * @param name short name, lower case, e.g. {@code raspberry-pi-4b}
 * @param description one line for operators
 * @param source where the spec was read from (a path, or {@code board-configs/NAME.yaml} for a bundled one)
 * @param defaultDataDir the data directory when the operator names none ({@code ./var}, {@code /var/lib/smartshare})
 * @param platform what provides links and meters
 * @param seed seed of every simulated signal, counter and radio of this board
 * @param interfaces the IP interfaces to meter, in file order
 * @param storage the shared storage
 * @param cpu the CPU share cap
 * @param radios Wi-Fi and BLE radios
 * @param gpio pins and their driver; empty if the board has none in use
 * @param sensors the sensors, in file order
 * @param mesh mesh defaults
 */
public record BoardSpec(
        String name,
        String description,
        String source,
        String defaultDataDir,
        Platform platform,
        long seed,
        List<LinkSpec> interfaces,
        StorageSpec storage,
        CpuSpec cpu,
        RadioSpec radios,
        Optional<GpioSpec> gpio,
        List<SensorSpec> sensors,
        MeshSpec mesh) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /** What provides the IP links and the meters. */
    public enum Platform {
        /** The running Linux kernel: /proc, /sys and the file system. */
        LINUX,
        /** Deterministic simulated links, counters and disk. */
        SIM
    }

    public BoardSpec {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be lower-case letters, digits and '-', found '" + name + "'");
        }
        interfaces = List.copyOf(interfaces);
        sensors = List.copyOf(sensors);
        Set<String> names = new HashSet<>();
        for (LinkSpec link : interfaces) {
            if (!names.add(link.name())) {
                throw new IllegalArgumentException("interface '" + link.name() + "' is listed twice");
            }
        }
        Set<String> ids = new HashSet<>();
        Set<String> busAddresses = new HashSet<>();
        for (SensorSpec sensor : sensors) {
            if (!ids.add(sensor.id())) {
                throw new IllegalArgumentException("sensor id '" + sensor.id() + "' is used twice");
            }
            if (sensor instanceof SensorSpec.I2c i2c && !busAddresses.add(i2c.bus() + "/" + i2c.address())) {
                throw new IllegalArgumentException(String.format("bus %d address 0x%02x is used twice", i2c.bus(), i2c.address()));
            }
        }
        if (mesh.transports().contains(MeshSpec.Transport.BLE) && radios.ble().isEmpty()) {
            throw new IllegalArgumentException("mesh uses ble but the board has no ble radio");
        }
    }

    /** The pins of the board; empty if it has none. */
    public List<PinSpec> pins() {
        return gpio.map(GpioSpec::pins).orElse(List.of());
    }
}
