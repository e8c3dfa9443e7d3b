package io.smartshare.hal.board;

import io.smartshare.hal.config.ConfigErrors;
import io.smartshare.hal.config.ConfigMap;
import io.smartshare.hal.sensor.Quantity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Turns one parsed board file into a {@link BoardSpec}, naming file, line and key on any error. */
final class BoardReader {
    private static final long MIB = 1024L * 1024;
    private static final long MAX_POLL_MS = 24L * 3600 * 1000;

    private BoardReader() {
    }

    /**
     * Reads the board; every part that is wrong is reported, each with its file, line and key:
     * the keys of the top level, each interface, storage, cpu, radios, gpio, each sensor and
     * the mesh (which is checked against the interfaces and radios only when those are right).
     */
    static BoardSpec read(ConfigMap root) {
        ConfigErrors errors = new ConfigErrors();
        Optional<String> name = errors.attempt(() -> root.string("name"));
        Optional<String> description = errors.attempt(() -> root.string("description"));
        Optional<String> dataDir = errors.attempt(() -> {
            String dir = root.string("default-data-dir");
            if (dir.isBlank()) {
                throw root.invalid("default-data-dir", "must not be empty");
            }
            return dir;
        });
        Optional<BoardSpec.Platform> platform = errors.attempt(() -> choice(root, "platform", BoardSpec.Platform.values(),
                BoardSpec.Platform::name).orElseThrow(() -> root.invalid("platform", "missing required key")));
        Optional<Long> seed = errors.attempt(() -> root.optionalInteger("seed", Long.MIN_VALUE, Long.MAX_VALUE).orElse(1L));
        Map<String, Integer> interfaceNames = new HashMap<>();
        Optional<List<LinkSpec>> interfaces = errors.attempt(() -> root.mapList("interfaces"))
                .flatMap(items -> errors.each(items, item -> link(item, platform, interfaceNames)));
        Optional<StorageSpec> storage = errors.attempt(() -> storage(root.map("storage")));
        Optional<CpuSpec> cpu = errors.attempt(() -> {
            ConfigMap cpuMap = root.map("cpu");
            CpuSpec spec = new CpuSpec((int) cpuMap.integer("share-cap-percent", 1, 100));
            cpuMap.requireNoOtherKeys();
            return spec;
        });
        Optional<RadioSpec> radios = errors.attempt(() -> root.optionalMap("radios").map(BoardReader::radios)
                .orElse(RadioSpec.none()));
        Optional<Optional<GpioSpec>> gpio = errors.attempt(() -> root.optionalMap("gpio").map(BoardReader::gpio));
        Map<String, Integer> sensorIds = new HashMap<>();
        Map<String, String> busAddresses = new HashMap<>();
        Optional<List<SensorSpec>> sensors = errors.attempt(() -> root.mapList("sensors"))
                .flatMap(items -> errors.each(items, item -> sensor(item, sensorIds, busAddresses)));
        Optional<ConfigMap> meshMap = errors.attempt(() -> root.map("mesh"));
        Optional<MeshSpec> mesh = meshMap.isPresent() && interfaces.isPresent() && radios.isPresent()
                ? errors.attempt(() -> mesh(meshMap.get(), interfaces.get(), radios.get())) : Optional.empty();
        errors.check(root::requireNoOtherKeys);
        errors.throwIfAny();
        return build(root, "name", () -> new BoardSpec(name.orElseThrow(), description.orElseThrow(), root.source(),
                dataDir.orElseThrow(), platform.orElseThrow(), seed.orElseThrow(), interfaces.orElseThrow(),
                storage.orElseThrow(), cpu.orElseThrow(), radios.orElseThrow(), gpio.orElseThrow(),
                sensors.orElseThrow(), mesh.orElseThrow()));
    }

    private static LinkSpec link(ConfigMap item, Optional<BoardSpec.Platform> platform, Map<String, Integer> seen) {
        String name = item.string("name");
        LinkSpec.Role role = choice(item, "role", LinkSpec.Role.values(), LinkSpec.Role::name)
                .orElseThrow(() -> item.invalid("role", "missing required key"));
        item.requireNoOtherKeys();
        if (seen.putIfAbsent(name, item.line()) != null) {
            throw item.invalid("name", "interface '" + name + "' is listed twice");
        }
        LinkSpec link = build(item, "name", () -> new LinkSpec(name, role));
        if (platform.filter(BoardSpec.Platform.SIM::equals).isPresent() && link.isPattern()) {
            throw item.invalid("name", "a sim board simulates the interfaces it names, so '" + name
                    + "' cannot be a pattern");
        }
        return link;
    }

    private static StorageSpec storage(ConfigMap map) {
        Optional<String> path = map.optionalString("path");
        long quotaMb = map.integer("quota-mb", 0, Long.MAX_VALUE / MIB);
        map.requireNoOtherKeys();
        if (path.isPresent() && path.get().isBlank()) {
            throw map.invalid("path", "must not be empty; leave the key out to use the data directory");
        }
        return new StorageSpec(path, quotaMb * MIB);
    }

    private static RadioSpec radios(ConfigMap map) {
        List<WifiSpec> wifi = new ArrayList<>();
        for (ConfigMap item : map.mapList("wifi")) {
            String iface = item.string("interface");
            WifiSpec.Band band = choice(item, "band", WifiSpec.Band.values(), WifiSpec.Band::label)
                    .orElseThrow(() -> item.invalid("band", "missing required key"));
            item.requireNoOtherKeys();
            wifi.add(new WifiSpec(iface, band));
        }
        Optional<BleSpec> ble = map.optionalMap("ble").map(b -> {
            BleSpec.Driver driver = choice(b, "driver", BleSpec.Driver.values(), BleSpec.Driver::name)
                    .orElseThrow(() -> b.invalid("driver", "missing required key"));
            String adapter = b.optionalString("adapter").orElse("hci0");
            double range = b.optionalNumber("range-m", 0.1, 10_000).orElse(10.0);
            double loss = b.optionalNumber("loss-percent", 0, 100).orElse(0.0);
            b.requireNoOtherKeys();
            if (driver == BleSpec.Driver.TINYB && !adapter.matches("hci[0-9]{1,2}")) {
                throw b.invalid("adapter", "expected a BlueZ adapter name such as hci0, found '" + adapter + "'");
            }
            return new BleSpec(driver, adapter, range, loss);
        });
        map.requireNoOtherKeys();
        return new RadioSpec(wifi, ble);
    }

    private static GpioSpec gpio(ConfigMap map) {
        GpioSpec.Driver driver = choice(map, "driver", GpioSpec.Driver.values(), GpioSpec.Driver::name)
                .orElseThrow(() -> map.invalid("driver", "missing required key"));
        int sysfsBase = map.optionalInteger("sysfs-base", 0, 4096).orElse(0L).intValue();
        List<PinSpec> pins = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        Map<Integer, String> numbers = new HashMap<>();
        for (ConfigMap item : map.mapList("pins")) {
            String id = item.string("id");
            PinSpec.Direction direction = choice(item, "direction", PinSpec.Direction.values(), PinSpec.Direction::name)
                    .orElseThrow(() -> item.invalid("direction", "missing required key"));
            int bcm = (int) item.integer("bcm", 0, 63);
            boolean activeLow = item.optionalBoolean("active-low").orElse(false);
            Optional<PinSpec.Pull> pull = choice(item, "pull", PinSpec.Pull.values(), PinSpec.Pull::name);
            item.requireNoOtherKeys();
            if (pull.isPresent() && direction == PinSpec.Direction.OUTPUT) {
                throw item.invalid("pull", "only inputs have a pull resistor");
            }
            if (ids.putIfAbsent(id, item.line()) != null) {
                throw item.invalid("id", "pin id '" + id + "' is used twice");
            }
            String other = numbers.putIfAbsent(bcm, id);
            if (other != null) {
                throw item.invalid("bcm", "BCM " + bcm + " is already used by pin '" + other + "'");
            }
            pins.add(new PinSpec(id, direction, bcm, activeLow, pull.orElse(PinSpec.Pull.NONE)));
        }
        map.requireNoOtherKeys();
        return new GpioSpec(driver, sysfsBase, pins);
    }

    private static SensorSpec sensor(ConfigMap item, Map<String, Integer> ids, Map<String, String> busAddresses) {
        String id = item.string("id");
        if (!id.matches("[a-z0-9][a-z0-9-]{0,31}")) {
            throw item.invalid("id", "must be lower-case letters, digits and '-', at most 32, found '" + id + "'");
        }
        if (ids.putIfAbsent(id, item.line()) != null) {
            throw item.invalid("id", "sensor id '" + id + "' is used twice");
        }
        String type = item.optionalChoice("type", Set.of("bme280", "sht3x", "thermal-zone", "sim"))
                .orElseThrow(() -> item.invalid("type", "missing required key"));
        Duration poll = Duration.ofMillis(item.optionalInteger("poll-ms", 100, MAX_POLL_MS).orElse(10_000L));
        boolean optional = item.optionalBoolean("optional").orElse(false);
        SensorSpec sensor = switch (type) {
            case "bme280", "sht3x" -> {
                SensorSpec.I2c.Chip chip = SensorSpec.I2c.Chip.valueOf(type.toUpperCase(Locale.ROOT));
                int bus = (int) item.integer("bus", 0, 255);
                int address = (int) item.integer("address", 0x03, 0x77);
                String other = busAddresses.putIfAbsent(bus + "/" + address, id);
                if (other != null) {
                    throw item.invalid("address", String.format("bus %d address 0x%02x is already used by sensor '%s'",
                            bus, address, other));
                }
                yield build(item, "address", () -> new SensorSpec.I2c(id, chip, bus, address, poll, optional));
            }
            case "thermal-zone" -> new SensorSpec.ThermalZone(id, item.optionalInteger("zone", 0, 255).orElse(0L).intValue(), poll,
                    optional);
            default -> {
                Quantity quantity = choice(item, "quantity", Quantity.values(), Quantity::label)
                        .orElseThrow(() -> item.invalid("quantity", "missing required key"));
                double base = item.optionalNumber("base", -1e6, 1e6).orElseThrow(() -> item.invalid("base", "missing required key"));
                double amplitude = item.optionalNumber("amplitude", 0, 1e6).orElse(0.0);
                Duration period = Duration.ofMillis(item.optionalInteger("period-ms", 1, Long.MAX_VALUE / 1_000_000).orElse(600_000L));
                double noise = item.optionalNumber("noise", 0, 1e6).orElse(0.0);
                yield new SensorSpec.Sim(id, quantity, base, amplitude, period, noise, poll, optional);
            }
        };
        item.requireNoOtherKeys();
        return sensor;
    }

    private static MeshSpec mesh(ConfigMap map, List<LinkSpec> interfaces, RadioSpec radios) {
        Set<MeshSpec.Transport> transports = EnumSet.noneOf(MeshSpec.Transport.class);
        List<String> listed = map.stringList("transports");
        if (listed.isEmpty()) {
            throw map.invalid("transports", "list at least one of [ble, ip]");
        }
        for (String transport : listed) {
            MeshSpec.Transport value = byLabel(MeshSpec.Transport.values(), MeshSpec.Transport::name).get(transport);
            if (value == null) {
                throw map.invalid("transports", "expected items from [ble, ip], found '" + transport + "'");
            }
            transports.add(value);
        }
        if (transports.contains(MeshSpec.Transport.BLE) && radios.ble().isEmpty()) {
            throw map.invalid("transports", "ble is listed but radios.ble is not configured");
        }
        int maxNeighbours = map.optionalInteger("max-neighbours", 1, 10_000).orElse(32L).intValue();
        map.requireNoOtherKeys();
        return new MeshSpec(transports, maxNeighbours);
    }

    /** Reads an enum value spelled as {@code label} lower-cased, with '_' written as '-'. */
    private static <E extends Enum<E>> Optional<E> choice(ConfigMap map, String key, E[] values, Function<E, String> label) {
        Map<String, E> byLabel = byLabel(values, label);
        return map.optionalChoice(key, byLabel.keySet()).map(byLabel::get);
    }

    private static <E extends Enum<E>> Map<String, E> byLabel(E[] values, Function<E, String> label) {
        Map<String, E> byLabel = new LinkedHashMap<>();
        for (E value : values) {
            byLabel.put(label.apply(value).toLowerCase(Locale.ROOT).replace('_', '-'), value);
        }
        return byLabel;
    }

    /** Builds a value whose own checks may fail, reporting the failure at {@code key}. */
    private static <T> T build(ConfigMap map, String key, Supplier<T> builder) {
        try {
            return builder.get();
        } catch (IllegalArgumentException e) {
            throw map.invalid(key, e.getMessage());
        }
    }
}
