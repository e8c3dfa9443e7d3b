package io.smartshare.hal.device;

import com.pi4j.context.Context;
import io.smartshare.hal.ble.BleException;
import io.smartshare.hal.ble.BleRadio;
import io.smartshare.hal.board.BleSpec;
import io.smartshare.hal.board.BoardSpec;
import io.smartshare.hal.board.GpioSpec;
import io.smartshare.hal.board.PinSpec;
import io.smartshare.hal.board.SensorSpec;
import io.smartshare.hal.dataplane.DataPlane;
import io.smartshare.hal.driver.linux.LinuxDriver;
import io.smartshare.hal.driver.pi4j.Pi4jDriver;
import io.smartshare.hal.driver.sim.SimBleMedium;
import io.smartshare.hal.driver.sim.SimDataPlane;
import io.smartshare.hal.driver.sim.SimDriver;
import io.smartshare.hal.driver.tinyb.TinybDriver;
import io.smartshare.hal.gpio.DigitalInput;
import io.smartshare.hal.gpio.DigitalOutput;
import io.smartshare.hal.health.DriverHealth;
import io.smartshare.hal.health.HealthRecorder;
import io.smartshare.hal.meter.CpuMeter;
import io.smartshare.hal.meter.CpuTimes;
import io.smartshare.hal.meter.IpLink;
import io.smartshare.hal.meter.IpLinks;
import io.smartshare.hal.meter.MeterException;
import io.smartshare.hal.meter.MeterSnapshot;
import io.smartshare.hal.meter.StorageMeter;
import io.smartshare.hal.meter.StorageUsage;
import io.smartshare.hal.sensor.Sensor;
import io.smartshare.hal.sensor.Sensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open board: the drivers its {@link BoardSpec} asks for, started and owned until
 * {@link #close()}. Opening never fails because a piece of hardware is missing or broken:
 * a BLE radio without BlueZ or natives, GPIO without {@code /sys/class/gpio}, a sensor
 * that does not answer or a disk that is not mounted are each reported in {@link #health()}
 * (and in one log line), and the rest of the board works.
 *
 * <pre>{@code
 * BoardSpec spec = BoardFiles.resolve("generic-linux");
 * try (Board board = Board.builder(spec).dataDir(dataDir).open()) {
 *     board.meters();                 // bytes per interface, storage, CPU time
 *     board.sensors().list();         // ids, quantities, units
 *     board.sensors().latest("env");  // last good readings
 *     board.sensors().listen("env", reading -> ...);  // every changed value
 *     board.health();                 // one entry per driver part
 * }
 * }</pre>
 */
public final class Board implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Board.class);
    private static final Duration SIM_ADVERTISING_INTERVAL = Duration.ofSeconds(1);

    private final BoardSpec spec;
    private final Path dataDir;
    private final Clock clock;
    private final IpLinks links;
    private final DataPlane dataPlane;
    private final StorageMeter storage;
    private final CpuMeter cpu;
    private final Sensors sensors;
    private final Map<String, DigitalOutput> outputs;
    private final Map<String, DigitalInput> inputs;
    private final Optional<BleRadio> ble;
    private final List<HealthRecorder> absent;
    private final List<AutoCloseable> owned;

    private Board(Opening opening) {
        this.spec = opening.spec;
        this.dataDir = opening.dataDir;
        this.clock = opening.options.clock;
        this.links = opening.links;
        this.dataPlane = opening.dataPlane;
        this.storage = opening.storage;
        this.cpu = opening.cpu;
        this.sensors = opening.sensors;
        this.outputs = Map.copyOf(opening.outputs);
        this.inputs = Map.copyOf(opening.inputs);
        this.ble = opening.ble;
        this.absent = List.copyOf(opening.absent);
        this.owned = List.copyOf(opening.owned);
    }

    /** Starts assembling a board from {@code spec}. */
    public static Builder builder(BoardSpec spec) {
        return new Builder(spec);
    }

    /** Opens {@code spec} with its data in {@code dataDir} and every other setting at its default. */
    public static Board open(BoardSpec spec, Path dataDir) {
        return builder(spec).dataDir(dataDir).open();
    }

    /** The spec this board was opened from. */
    public BoardSpec spec() {
        return spec;
    }

    /** The node's data directory. */
    public Path dataDir() {
        return dataDir;
    }

    /** The metered IP interfaces: name, role, up/down, rx/tx bytes. */
    public IpLinks links() {
        return links;
    }

    /**
     * The kernel's data plane (WireGuard tunnels and routes) on this platform: the {@code
     * linux} driver ({@code ip}, {@code wg}, {@code wireguard-go}; needs CAP_NET_ADMIN, which
     * its first call reports missing) or the {@code sim} one, in memory.
     */
    public DataPlane dataPlane() {
        return dataPlane;
    }

    /**
     * The shared directory's used, free and quota bytes. A directory under the data directory
     * is created when the board opens; an absolute one (a mounted disk) is only metered.
     */
    public StorageMeter storage() {
        return storage;
    }

    /** CPU time of the system and of this process, and the share cap. */
    public CpuMeter cpu() {
        return cpu;
    }

    /**
     * Reads every meter now. Never throws: a meter that fails is left empty and shows as
     * degraded or absent in {@link #health()}.
     */
    public MeterSnapshot meters() {
        List<IpLink> linkList;
        try {
            linkList = links.list();
        } catch (MeterException e) {
            linkList = List.of();
        }
        Optional<StorageUsage> usage;
        try {
            usage = Optional.of(storage.read());
        } catch (MeterException e) {
            usage = Optional.empty();
        }
        Optional<CpuTimes> times;
        try {
            times = Optional.of(cpu.read());
        } catch (MeterException e) {
            times = Optional.empty();
        }
        return new MeterSnapshot(clock.instant(), linkList, usage, times);
    }

    /** The sensors, their latest readings and change listeners. */
    public Sensors sensors() {
        return sensors;
    }

    /** The output pin {@code id} (e.g. {@code status-led}), if the board has it and it opened. */
    public Optional<DigitalOutput> output(String id) {
        return Optional.ofNullable(outputs.get(id));
    }

    /** The input pin {@code id} (e.g. {@code button}), if the board has it and it opened. */
    public Optional<DigitalInput> input(String id) {
        return Optional.ofNullable(inputs.get(id));
    }

    /** The BLE radio, if the board has one and it opened. */
    public Optional<BleRadio> ble() {
        return ble;
    }

    /**
     * The state of every part: {@code net}, {@code storage}, {@code cpu}, {@code gpio},
     * {@code ble} and one {@code sensor:ID} per sensor, each with its driver and, when not
     * up, the reason.
     */
    public List<DriverHealth> health() {
        List<DriverHealth> result = new ArrayList<>();
        result.add(links.health());
        result.add(storage.health());
        result.add(cpu.health());
        if (!outputs.isEmpty() || !inputs.isEmpty()) {
            result.add(DriverHealth.up("gpio", spec.gpio().map(g -> driverName(g.driver())).orElse("")));
        }
        ble.ifPresent(radio -> result.add(radio.health()));
        for (HealthRecorder recorder : absent) {
            result.add(recorder.current());
        }
        result.addAll(sensors.health());
        return List.copyOf(result);
    }

    /** Stops polling and closes every driver, in reverse order of opening. */
    @Override
    public void close() {
        sensors.close();
        closeInReverse(owned, spec);
        LOG.info("event=board-closed board={}", spec.name());
    }

    private static void closeInReverse(List<AutoCloseable> drivers, BoardSpec spec) {
        for (int i = drivers.size() - 1; i >= 0; i--) {
            try {
                drivers.get(i).close();
            } catch (Exception e) {
                LOG.warn("event=driver-close-failed board={} error=\"{}\"", spec.name(), e.toString());
            }
        }
    }

    private static String driverName(GpioSpec.Driver driver) {
        return switch (driver) {
            case PI4J -> Pi4jDriver.NAME;
            case SIM -> SimDriver.NAME;
        };
    }

    /**
     * Assembles a {@link Board}. Every setting has a default that suits a running node;
     * tests override the clock, seed, BLE medium and position, the Pi4J context (a mock),
     * the kernel directories, and turn off background polling.
     */
    public static final class Builder {
        private final BoardSpec spec;
        private Optional<Path> dataDir = Optional.empty();
        private Clock clock = Clock.systemUTC();
        private Optional<Long> seed = Optional.empty();
        private Optional<SimBleMedium> medium = Optional.empty();
        private double x;
        private double y;
        private Optional<Context> pi4j = Optional.empty();
        private LinuxDriver linux = LinuxDriver.system();
        private TinybDriver tinyb = TinybDriver.system();
        private boolean polling = true;

        private Builder(BoardSpec spec) {
            this.spec = Objects.requireNonNull(spec, "spec");
        }

        /** The node's data directory; default: the spec's {@code default-data-dir}. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Optional.of(dataDir);
            return this;
        }

        /** Time source of readings and simulated signals; default: the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Seed of simulated parts; default: the spec's {@code seed}. Give each simulated node its own. */
        public Builder seed(long seed) {
            this.seed = Optional.of(seed);
            return this;
        }

        /**
         * The medium a {@code sim} BLE radio joins; default: {@link SimBleMedium#shared()},
         * which the board then starts advertising on once a second.
         */
        public Builder bleMedium(SimBleMedium medium) {
            this.medium = Optional.of(medium);
            return this;
        }

        /** Where a {@code sim} BLE radio sits on the medium, in metres; default (0, 0). */
        public Builder blePosition(double x, double y) {
            this.x = x;
            this.y = y;
            return this;
        }

        /** The Pi4J context for {@code pi4j} pins and sensors (tests: a mock); default: a Linux file-system context. */
        public Builder pi4j(Context context) {
            this.pi4j = Optional.of(context);
            return this;
        }

        /** The {@code linux} driver (tests: captured /proc and /sys trees); default: the running kernel. */
        public Builder linux(LinuxDriver linux) {
            this.linux = Objects.requireNonNull(linux, "linux");
            return this;
        }

        /** The {@code tinyb} driver; default: this machine's. */
        public Builder tinyb(TinybDriver tinyb) {
            this.tinyb = Objects.requireNonNull(tinyb, "tinyb");
            return this;
        }

        /** Do not poll sensors in the background; readings come only from {@link Sensors#pollNow()}. */
        public Builder withoutPolling() {
            this.polling = false;
            return this;
        }

        /** Opens every driver the spec asks for. */
        public Board open() {
            Opening opening = new Opening(this);
            try {
                opening.openAll();
            } catch (RuntimeException e) {
                opening.closeOwned();
                throw e;
            }
            Board board = new Board(opening);
            LOG.info("event=board-opened board={} source={} data-dir={} interfaces={} sensors={} pins={} ble={}",
                    spec.name(), spec.source(), opening.dataDir, spec.interfaces().size(), spec.sensors().size(),
                    spec.pins().size(), board.ble.isPresent() ? "up" : spec.radios().ble().isPresent() ? "absent" : "none");
            return board;
        }
    }

    /** The state of a board while its drivers open, so that a failure can close what opened. */
    private static final class Opening {
        final Builder options;
        final BoardSpec spec;
        final Path dataDir;
        final SimDriver sim;
        final List<AutoCloseable> owned = new ArrayList<>();
        final List<HealthRecorder> absent = new ArrayList<>();
        final Map<String, DigitalOutput> outputs = new LinkedHashMap<>();
        final Map<String, DigitalInput> inputs = new LinkedHashMap<>();
        Optional<Pi4jDriver> pi4j = Optional.empty();
        Optional<String> pi4jFailure = Optional.empty();
        IpLinks links;
        DataPlane dataPlane;
        StorageMeter storage;
        CpuMeter cpu;
        Sensors sensors;
        Optional<BleRadio> ble = Optional.empty();

        Opening(Builder options) {
            this.options = options;
            this.spec = options.spec;
            this.dataDir = options.dataDir.orElse(Path.of(spec.defaultDataDir()));
            this.sim = new SimDriver(options.seed.orElse(spec.seed()), options.clock);
        }

        void openAll() {
            openMeters();
            openPins();
            openSensors();
            openBle();
        }

        void closeOwned() {
            if (sensors != null) {
                sensors.close();
            }
            closeInReverse(owned, spec);
        }

        private void openMeters() {
            Path shared = spec.storage().resolve(dataDir);
            if (spec.storage().underDataDir()) {
                createDirectory(shared);
            }
            switch (spec.platform()) {
                case LINUX -> {
                    links = options.linux.links(spec.interfaces());
                    dataPlane = options.linux.dataPlane();
                    cpu = options.linux.cpu(spec.cpu().shareCapPercent());
                    storage = StorageMeter.forDirectory(shared, spec.storage().quotaBytes(), LinuxDriver.NAME);
                }
                case SIM -> {
                    links = sim.links(spec.interfaces());
                    dataPlane = new SimDataPlane();
                    cpu = sim.cpu(spec.cpu().shareCapPercent());
                    storage = StorageMeter.forDirectory(shared, spec.storage().quotaBytes(), SimDriver.NAME);
                }
            }
            try {
                links.list();
                storage.read();
                cpu.read();
            } catch (MeterException e) {
                // Recorded in the meter's health, and logged there once.
            }
        }

        private static void createDirectory(Path directory) {
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                LOG.warn("event=storage-dir-failed dir={} error=\"{}\"", directory, e.toString());
            }
        }

        private void openPins() {
            spec.gpio().ifPresent(gpio -> {
                try {
                    for (PinSpec pin : gpio.pins()) {
                        switch (pin.direction()) {
                            case OUTPUT -> outputs.put(pin.id(), switch (gpio.driver()) {
                                case PI4J -> pi4j().output(pin, gpio.sysfsBase());
                                case SIM -> sim.output(pin);
                            });
                            case INPUT -> inputs.put(pin.id(), switch (gpio.driver()) {
                                case PI4J -> pi4j().input(pin, gpio.sysfsBase());
                                case SIM -> sim.input(pin);
                            });
                        }
                    }
                } catch (RuntimeException e) {
                    outputs.clear();
                    inputs.clear();
                    markAbsent("gpio", driverName(gpio.driver()), "cannot open pins: " + e.getMessage(), false);
                }
            });
        }

        private void openSensors() {
            List<Sensor> opened = new ArrayList<>();
            Map<String, Duration> intervals = new LinkedHashMap<>();
            Set<String> optional = new HashSet<>();
            for (SensorSpec sensorSpec : spec.sensors()) {
                try {
                    opened.add(openSensor(sensorSpec));
                    intervals.put(sensorSpec.id(), sensorSpec.poll());
                    if (sensorSpec.optional()) {
                        optional.add(sensorSpec.id());
                    }
                } catch (RuntimeException e) {
                    markAbsent("sensor:" + sensorSpec.id(), Pi4jDriver.NAME, "cannot open: " + e.getMessage(),
                            sensorSpec.optional());
                }
            }
            sensors = new Sensors(opened, intervals, optional);
            if (options.polling) {
                sensors.start();
            } else {
                sensors.pollNow();
            }
        }

        /** Only Pi4J sensors can fail to open (no I2C bus); the others fail, if at all, when read. */
        private Sensor openSensor(SensorSpec sensorSpec) {
            if (sensorSpec instanceof SensorSpec.I2c i2c) {
                return pi4j().sensor(i2c, options.clock);
            }
            if (sensorSpec instanceof SensorSpec.ThermalZone zone) {
                return options.linux.thermalZone(zone, options.clock);
            }
            if (sensorSpec instanceof SensorSpec.Sim simulated) {
                return sim.sensor(simulated);
            }
            throw new IllegalStateException("no driver for sensor " + sensorSpec);
        }

        private void openBle() {
            spec.radios().ble().ifPresent(bleSpec -> {
                switch (bleSpec.driver()) {
                    case SIM -> ble = Optional.of(attachSim(bleSpec));
                    case TINYB -> {
                        try {
                            BleRadio radio = options.tinyb.open(bleSpec, options.clock);
                            if (radio instanceof AutoCloseable closeable) {
                                owned.add(closeable);
                            }
                            ble = Optional.of(radio);
                        } catch (BleException e) {
                            markAbsent("ble", TinybDriver.NAME, e.getMessage(), false);
                        }
                    }
                }
            });
        }

        private BleRadio attachSim(BleSpec bleSpec) {
            SimBleMedium medium = options.medium.orElseGet(() -> {
                SimBleMedium shared = SimBleMedium.shared();
                shared.start(SIM_ADVERTISING_INTERVAL);
                return shared;
            });
            var radio = medium.attach(options.x, options.y, bleSpec.rangeMeters(), bleSpec.lossPercent());
            owned.add(radio);
            return radio;
        }

        /**
         * The Pi4J driver, opened on first use. If it cannot open, every part that needs it
         * fails with the same reason, and it is not tried again.
         */
        private Pi4jDriver pi4j() {
            if (pi4jFailure.isPresent()) {
                throw new IllegalStateException(pi4jFailure.get());
            }
            if (pi4j.isEmpty()) {
                try {
                    Pi4jDriver driver = Pi4jDriver.open(options.pi4j);
                    owned.add(driver);
                    pi4j = Optional.of(driver);
                } catch (RuntimeException e) {
                    pi4jFailure = Optional.of("Pi4J did not start: " + e.getMessage());
                    throw new IllegalStateException(pi4jFailure.get(), e);
                }
            }
            return pi4j.get();
        }

        private void markAbsent(String component, String driver, String reason, boolean optional) {
            HealthRecorder recorder = new HealthRecorder(component, driver, optional);
            recorder.absent(reason);
            absent.add(recorder);
        }
    }
}
