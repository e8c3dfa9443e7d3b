package io.smartshare.hal.ble;

import io.smartshare.hal.Subscription;
import java.util.function.BiConsumer;

/**
 * A radio's GATT server: characteristics that peers write to. Only radios that can serve
 * have one ({@link BleRadio#gattServer()}): the sim driver's; tinyb reaches BlueZ as a GATT
 * client only.
 */
@FunctionalInterface
public interface GattServer {
    /**
     * Serves {@code characteristic} (empty until written) and calls {@code onWrite} with the
     * writer and the value of each write to it, on a driver thread, until the subscription is closed.
     */
    Subscription serve(GattCharacteristic characteristic, BiConsumer<BleAddress, byte[]> onWrite);
}
