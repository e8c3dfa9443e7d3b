package io.smartshare.hal.driver.tinyb;

import io.smartshare.hal.Listeners;
import io.smartshare.hal.Subscription;
import io.smartshare.hal.ble.Advertisement;
import io.smartshare.hal.ble.BleAddress;
import io.smartshare.hal.ble.BleException;
import io.smartshare.hal.ble.BleRadio;
import io.smartshare.hal.ble.GattCharacteristic;
import io.smartshare.hal.health.DriverHealth;
import io.smartshare.hal.health.HealthRecorder;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import tinyb.BluetoothAdapter;
import tinyb.BluetoothDevice;
import tinyb.BluetoothGattCharacteristic;
import tinyb.BluetoothGattService;
import tinyb.BluetoothManager;
import tinyb.BluetoothObject;
import tinyb.BluetoothType;

/**
 * A BlueZ adapter through tinyb. tinyb is a GATT client only: it scans and reads and writes
 * characteristics, but BlueZ's advertising API is not reachable through it, so
 * {@link #advertise(byte[])} fails with the reason. Scanning polls BlueZ's device list
 * once a second on one named thread ({@code hal-tinyb-scan}) and reports each device's
 * manufacturer data under {@link #COMPANY_ID}.
 */
final class TinybRadio implements BleRadio, AutoCloseable {
    /** Manufacturer data is read under company id 0xFFFF, the id the Bluetooth SIG leaves for tests and internal use. */
    static final short COMPANY_ID = (short) 0xFFFF;
    private static final Duration FIND_TIMEOUT = Duration.ofSeconds(10);
    private static final long SCAN_POLL_MS = 1000;

    private final BluetoothManager manager;
    private final BluetoothAdapter adapter;
    private final BleAddress address;
    private final Clock clock;
    private final Listeners<Advertisement> scanners;
    private final HealthRecorder health = new HealthRecorder("ble", TinybDriver.NAME);
    private ScheduledExecutorService scanThread;

    private TinybRadio(BluetoothManager manager, BluetoothAdapter adapter, Clock clock) {
        this.manager = manager;
        this.adapter = adapter;
        this.address = new BleAddress(adapter.getAddress());
        this.clock = clock;
        this.scanners = new Listeners<>("ble=" + address);
    }

    static TinybRadio open(String adapterName, Clock clock) throws BleException {
        try {
            BluetoothManager manager = BluetoothManager.getBluetoothManager();
            BluetoothAdapter adapter = manager.getAdapters().stream()
                    .filter(candidate -> adapterName.equals(candidate.getInterfaceName()))
                    .findFirst()
                    .orElseThrow(() -> new BleException("BlueZ has no adapter " + adapterName));
            if (!adapter.getPowered()) {
                adapter.setPowered(true);
            }
            return new TinybRadio(manager, adapter, clock);
        } catch (RuntimeException e) {
            throw new BleException("BlueZ through tinyb failed on " + adapterName + ": " + e.getMessage(), e);
        } catch (LinkageError e) {
            throw new BleException("tinyb natives do not match its classes: " + e, e);
        }
    }

    @Override
    public BleAddress address() {
        return address;
    }

    @Override
    public synchronized Subscription scan(Consumer<Advertisement> listener) throws BleException {
        Subscription subscription = scanners.add(listener);
        if (scanThread == null) {
            try {
                adapter.startDiscovery();
            } catch (RuntimeException e) {
                subscription.close();
                health.degraded("cannot start discovery: " + e.getMessage());
                throw new BleException("start discovery on " + address + ": " + e.getMessage(), e);
            }
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "hal-tinyb-scan");
                thread.setDaemon(true);
                return thread;
            });
            executor.scheduleWithFixedDelay(this::pollDevices, 0, SCAN_POLL_MS, TimeUnit.MILLISECONDS);
            scanThread = executor;
        }
        return () -> {
            subscription.close();
            stopScanIfUnused();
        };
    }

    @Override
    public void advertise(byte[] payload) throws BleException {
        throw new BleException("advertise on " + address + ": tinyb cannot advertise (BlueZ's LEAdvertisingManager1 "
                + "is not reachable through it); this radio scans and uses GATT only");
    }

    @Override
    public void stopAdvertising() {
        // Never advertising: nothing to stop.
    }

    @Override
    public byte[] read(BleAddress peer, GattCharacteristic characteristic) throws BleException {
        try {
            byte[] value = characteristic(peer, characteristic).readValue();
            health.up();
            return value;
        } catch (RuntimeException e) {
            throw failed("read", peer, characteristic, e);
        }
    }

    @Override
    public void write(BleAddress peer, GattCharacteristic characteristic, byte[] value) throws BleException {
        try {
            if (!characteristic(peer, characteristic).writeValue(value.clone())) {
                throw new BleException("write " + characteristic.characteristic() + " on " + peer + ": BlueZ refused");
            }
            health.up();
        } catch (RuntimeException e) {
            throw failed("write", peer, characteristic, e);
        }
    }

    @Override
    public boolean canAdvertise() {
        return false;
    }

    @Override
    public DriverHealth health() {
        return health.current();
    }

    private BluetoothGattCharacteristic characteristic(BleAddress peer, GattCharacteristic ref) throws BleException {
        BluetoothObject found = manager.find(BluetoothType.DEVICE, null, peer.value(), adapter, FIND_TIMEOUT);
        if (!(found instanceof BluetoothDevice device)) {
            throw new BleException("GATT on " + peer + ": device not found within " + FIND_TIMEOUT.toSeconds() + " s");
        }
        if (!device.getConnected() && !device.connect()) {
            throw new BleException("GATT on " + peer + ": connect refused");
        }
        BluetoothGattService service = device.find(ref.service().toString(), FIND_TIMEOUT);
        if (service == null) {
            throw new BleException("GATT on " + peer + ": no service " + ref.service());
        }
        BluetoothGattCharacteristic characteristic = service.find(ref.characteristic().toString(), FIND_TIMEOUT);
        if (characteristic == null) {
            throw new BleException("GATT on " + peer + ": no characteristic " + ref.characteristic());
        }
        return characteristic;
    }

    private BleException failed(String operation, BleAddress peer, GattCharacteristic ref, RuntimeException e) {
        health.degraded(operation + " on " + peer + " failed: " + e.getMessage());
        return new BleException(operation + " " + ref.characteristic() + " on " + peer + ": " + e.getMessage(), e);
    }

    private void pollDevices() {
        try {
            for (BluetoothDevice device : adapter.getDevices()) {
                Map<Short, byte[]> data = device.getManufacturerData();
                byte[] payload = data == null ? null : data.get(COMPANY_ID);
                if (payload != null) {
                    scanners.fire(new Advertisement(new BleAddress(device.getAddress()), device.getRSSI(), payload,
                            clock.instant()));
                }
            }
            health.up();
        } catch (RuntimeException e) {
            health.degraded("scan failed: " + e.getMessage());
        }
    }

    /** Stops scanning. */
    @Override
    public void close() {
        stopScan(true);
    }

    private void stopScanIfUnused() {
        stopScan(false);
    }

    private synchronized void stopScan(boolean always) {
        if ((always || scanners.isEmpty()) && scanThread != null) {
            scanThread.shutdownNow();
            scanThread = null;
            try {
                adapter.stopDiscovery();
            } catch (RuntimeException e) {
                health.degraded("cannot stop discovery: " + e.getMessage());
            }
        }
    }
}
