package io.smartshare.hal.driver.sim;

import io.smartshare.hal.Listeners;
import io.smartshare.hal.Subscription;
import io.smartshare.hal.ble.Advertisement;
import io.smartshare.hal.ble.BleAddress;
import io.smartshare.hal.ble.BleException;
import io.smartshare.hal.ble.BleRadio;
import io.smartshare.hal.ble.GattCharacteristic;
import io.smartshare.hal.ble.GattServer;
import io.smartshare.hal.health.DriverHealth;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A simulated BLE radio on a {@link SimBleMedium}. Unlike tinyb it is also a GATT server:
 * {@link #serve} publishes characteristics that peers read and write. Tests move it with
 * {@link #moveTo(double, double)} to make and break links.
 */
public final class SimBleRadio implements BleRadio, AutoCloseable {
    private final SimBleMedium medium;
    private final BleAddress address;
    private final double range;
    private final double loss;
    private final Listeners<Advertisement> scanners;
    private final Listeners<Written> writes;
    private final Map<GattCharacteristic, byte[]> served = new ConcurrentHashMap<>();
    private volatile double x;
    private volatile double y;
    private volatile Optional<byte[]> advertisement = Optional.empty();

    /** A write a peer made to one of this radio's characteristics. */
    public record Written(BleAddress from, GattCharacteristic characteristic, byte[] value) {
        public Written {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }
    }

    SimBleRadio(SimBleMedium medium, BleAddress address, double x, double y, double range, double loss) {
        this.medium = medium;
        this.address = address;
        this.x = x;
        this.y = y;
        this.range = range;
        this.loss = loss;
        this.scanners = new Listeners<>("ble=" + address);
        this.writes = new Listeners<>("ble=" + address + " gatt=write");
    }

    @Override
    public BleAddress address() {
        return address;
    }

    @Override
    public Subscription scan(Consumer<Advertisement> listener) {
        return scanners.add(listener);
    }

    @Override
    public void advertise(byte[] payload) throws BleException {
        if (payload.length > MAX_PAYLOAD) {
            throw new BleException("advertise on " + address + ": payload of " + payload.length + " bytes exceeds "
                    + MAX_PAYLOAD);
        }
        byte[] copy = payload.clone();
        advertisement = Optional.of(copy);
        medium.deliver(this, copy);
    }

    @Override
    public void stopAdvertising() {
        advertisement = Optional.empty();
    }

    @Override
    public byte[] read(BleAddress peer, GattCharacteristic characteristic) throws BleException {
        SimBleRadio server = medium.reach(this, peer, characteristic, "read");
        byte[] value = server.served.get(characteristic);
        if (value == null) {
            throw new BleException("read " + characteristic.characteristic() + " on " + peer + ": no such characteristic");
        }
        return value.clone();
    }

    @Override
    public void write(BleAddress peer, GattCharacteristic characteristic, byte[] value) throws BleException {
        SimBleRadio server = medium.reach(this, peer, characteristic, "write");
        if (server.served.replace(characteristic, value.clone()) == null) {
            throw new BleException("write " + characteristic.characteristic() + " on " + peer + ": no such characteristic");
        }
        server.writes.fire(new Written(address, characteristic, value));
    }

    @Override
    public boolean canAdvertise() {
        return true;
    }

    /** The radio serves characteristics: peers' writes to one reach the subscriber. */
    @Override
    public Optional<GattServer> gattServer() {
        return Optional.of((characteristic, onWrite) -> {
            serve(characteristic, new byte[0]);
            return onWrite(written -> {
                if (written.characteristic().equals(characteristic)) {
                    onWrite.accept(written.from(), written.value());
                }
            });
        });
    }

    @Override
    public DriverHealth health() {
        return DriverHealth.up("ble", SimDriver.NAME);
    }

    /** Publishes {@code characteristic} with {@code value} for peers to read and write. */
    public void serve(GattCharacteristic characteristic, byte[] value) {
        served.put(characteristic, value.clone());
    }

    /** The current value of a served characteristic. */
    public Optional<byte[]> served(GattCharacteristic characteristic) {
        return Optional.ofNullable(served.get(characteristic)).map(byte[]::clone);
    }

    /** Calls {@code listener} on the writer's thread whenever a peer writes a served characteristic. */
    public Subscription onWrite(Consumer<Written> listener) {
        return writes.add(listener);
    }

    /** Moves the radio to {@code (x, y)} metres. */
    public void moveTo(double x, double y) {
        this.x = x;
        this.y = y;
    }

    /** Leaves the medium: the radio is no longer heard or reachable. */
    @Override
    public void close() {
        advertisement = Optional.empty();
        medium.detach(this);
    }

    double x() {
        return x;
    }

    double y() {
        return y;
    }

    double range() {
        return range;
    }

    double loss() {
        return loss;
    }

    boolean isScanning() {
        return !scanners.isEmpty();
    }

    Optional<byte[]> advertisement() {
        return advertisement;
    }

    void hear(Advertisement heard) {
        scanners.fire(heard);
    }
}
