package io.smartshare.hal.ble;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A Bluetooth device address, normalised to upper case {@code AA:BB:CC:DD:EE:FF}.
 *
 * @param value the address
 */
public record BleAddress(String value) {
    private static final Pattern FORMAT = Pattern.compile("([0-9A-F]{2}:){5}[0-9A-F]{2}");

    public BleAddress {
        value = value.toUpperCase(Locale.ROOT);
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a Bluetooth address (AA:BB:CC:DD:EE:FF): '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
