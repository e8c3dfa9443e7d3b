package io.smartshare.hal.board;

import java.util.List;
import java.util.Optional;

/**
 * The board's radios.
 *
 * @param wifi Wi-Fi radios, by interface; empty if none
 * @param ble the BLE radio; empty if the board has none or the vendor does not use it
 */
public record RadioSpec(List<WifiSpec> wifi, Optional<BleSpec> ble) {
    public RadioSpec {
        wifi = List.copyOf(wifi);
    }

    /** A board with no radios. */
    public static RadioSpec none() {
        return new RadioSpec(List.of(), Optional.empty());
    }
}
