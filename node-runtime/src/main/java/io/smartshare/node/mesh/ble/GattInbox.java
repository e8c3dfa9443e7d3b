package io.smartshare.node.mesh.ble;

import io.smartshare.hal.Subscription;
import io.smartshare.hal.ble.BleAddress;
import io.smartshare.hal.ble.GattCharacteristic;
import io.smartshare.hal.ble.BleRadio;
import io.smartshare.hal.driver.sim.SimBleRadio;
import java.util.function.BiConsumer;

/**
 * Where a node receives unicast frames over BLE: writes by peers to its mesh characteristic.
 * {@link BleRadio} only reads and writes peers' characteristics; serving one needs a driver
 * that is a GATT server, which today is the sim driver (tinyb reaches BlueZ as a client only).
 */
public interface GattInbox {
    /** Serves {@code characteristic} and calls {@code handler} with each write to it, until closed. */
    Subscription serve(GattCharacteristic characteristic, BiConsumer<BleAddress, byte[]> handler);

    /** A node without a GATT server: no unicast frames arrive (advertisements still do). */
    static GattInbox none() {
        return (characteristic, handler) -> () -> { };
    }

    /** The sim driver's radio as a GATT server. */
    static GattInbox of(SimBleRadio radio) {
        return (characteristic, handler) -> {
            radio.serve(characteristic, new byte[0]);
            return radio.onWrite(written -> {
                if (written.characteristic().equals(characteristic)) {
                    handler.accept(written.from(), written.value());
                }
            });
        };
    }
}
