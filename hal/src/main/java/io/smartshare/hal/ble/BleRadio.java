package io.smartshare.hal.ble;

import io.smartshare.hal.Subscription;
import io.smartshare.hal.health.DriverHealth;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The board's Bluetooth Low Energy radio: hears neighbours' advertisements, advertises the
 * node's own payload, and reads or writes one GATT characteristic of a peer.
 */
public interface BleRadio {
    /** Longest payload {@link #advertise(byte[])} takes: a legacy advertisement's 31 bytes
     *  less the flags (3) and the manufacturer-data header with company id (4). */
    int MAX_PAYLOAD = 24;

    /** This radio's own address. */
    BleAddress address();

    /**
     * Starts scanning; {@code listener} hears every advertisement until the subscription
     * is closed. Calls come on a driver thread.
     */
    Subscription scan(Consumer<Advertisement> listener) throws BleException;

    /**
     * Advertises {@code payload} (at most {@link #MAX_PAYLOAD} bytes) until replaced or
     * stopped.
     *
     * @throws BleException if the radio cannot advertise (tinyb: BlueZ's advertising
     *     API is not reachable through it)
     */
    void advertise(byte[] payload) throws BleException;

    /** Stops advertising; does nothing if not advertising. */
    void stopAdvertising();

    /** Connects to {@code peer} if needed and reads {@code characteristic}. */
    byte[] read(BleAddress peer, GattCharacteristic characteristic) throws BleException;

    /** Connects to {@code peer} if needed and writes {@code value} to {@code characteristic}. */
    void write(BleAddress peer, GattCharacteristic characteristic, byte[] value) throws BleException;

    /**
     * Whether {@link #advertise} can work on this radio (tinyb: no, BlueZ's advertising API is
     * not reachable through it).
     */
    boolean canAdvertise();

    /** The radio's GATT server, if it can serve characteristics for peers to write. */
    default Optional<GattServer> gattServer() {
        return Optional.empty();
    }

    /** Whether the radio works. */
    DriverHealth health();
}
