package io.smartshare.hal.driver.tinyb;

import io.smartshare.hal.ble.BleException;
import io.smartshare.hal.ble.BleRadio;
import io.smartshare.hal.board.BleSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code tinyb} driver: a {@link BleRadio} on BlueZ. Before touching native code it
 * checks, in order, that tinyb ships natives for this CPU, that the adapter exists in
 * {@code /sys/class/bluetooth}, and that the D-Bus system bus that BlueZ listens on is
 * there; the first missing piece is the reason the radio is absent.
 */
public final class TinybDriver {
    /** The driver's name in health reports. */
    public static final String NAME = "tinyb";
    private static final Logger LOG = LoggerFactory.getLogger(TinybDriver.class);

    private final Path sysClassBluetooth;
    private final Path systemBus;
    private final String osName;
    private final String osArch;

    /**
     * @param sysClassBluetooth {@code /sys/class/bluetooth}
     * @param systemBus the D-Bus system bus socket, {@code /run/dbus/system_bus_socket}
     * @param osName the {@code os.name} to pick natives for
     * @param osArch the {@code os.arch} to pick natives for
     */
    public TinybDriver(Path sysClassBluetooth, Path systemBus, String osName, String osArch) {
        this.sysClassBluetooth = sysClassBluetooth;
        this.systemBus = systemBus;
        this.osName = osName;
        this.osArch = osArch;
    }

    /** The driver for this machine. */
    public static TinybDriver system() {
        return new TinybDriver(Path.of("/sys/class/bluetooth"), Path.of("/run/dbus/system_bus_socket"),
                System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    /**
     * Opens the radio the spec names.
     *
     * @throws BleException saying why BLE is not available here
     */
    public BleRadio open(BleSpec spec, Clock clock) throws BleException {
        TinybNatives.folderFor(osName, osArch).orElseThrow(() -> new BleException("no tinyb natives for os.arch="
                + osArch + " (the tinyb artifact ships Linux armv6, x86 and x86-64 only)"));
        if (!Files.exists(sysClassBluetooth.resolve(spec.adapter()))) {
            throw new BleException("no Bluetooth adapter " + spec.adapter() + " in " + sysClassBluetooth);
        }
        if (!Files.exists(systemBus)) {
            throw new BleException("BlueZ not reachable: no D-Bus system bus at " + systemBus);
        }
        String dir = TinybNatives.load(osName, osArch);
        LOG.info("event=tinyb-natives-loaded dir={} note=\"tinyb's own 'failed to load' line on stderr is harmless\"", dir);
        return TinybRadio.open(spec.adapter(), clock);
    }
}
