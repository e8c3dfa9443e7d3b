package io.smartshare.hal.ble;

import java.util.Objects;
import java.util.UUID;

/**
 * Names one GATT characteristic of a peer.
 *
 * @param service the service UUID
 * @param characteristic the characteristic UUID
 */
public record GattCharacteristic(UUID service, UUID characteristic) {
    public GattCharacteristic {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(characteristic, "characteristic");
    }
}
