package io.smartshare.hal.ble;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One advertisement heard while scanning.
 *
 * @param from the advertiser
 * @param rssi received signal strength in dBm
 * @param payload the advertised bytes: the node's payload (manufacturer data, without the
 *     company id), copied in and out so the record stays immutable
 * @param at when it was heard
 */
public record Advertisement(BleAddress from, int rssi, byte[] payload, Instant at) {
    public Advertisement {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(at, "at");
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Advertisement that && from.equals(that.from) && rssi == that.rssi
                && Arrays.equals(payload, that.payload) && at.equals(that.at);
    }

    @Override
    public int hashCode() {
        return Objects.hash(from, rssi, Arrays.hashCode(payload), at);
    }

    @Override
    public String toString() {
        return "Advertisement[from=" + from + ", rssi=" + rssi + ", payload=" + HexFormat.of().formatHex(payload)
                + ", at=" + at + "]";
    }
}
