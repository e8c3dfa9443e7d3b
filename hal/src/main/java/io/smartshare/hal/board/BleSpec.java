package io.smartshare.hal.board;

/**
 * The board's Bluetooth Low Energy radio.
 *
 * @param driver which driver runs it
 * @param adapter the BlueZ adapter name ({@code hci0}); informative for {@code sim}
 * @param rangeMeters how far a simulated radio reaches (used by {@code sim} only)
 * @param lossPercent share of simulated advertisements and GATT operations lost, 0 to 100
 *     (used by {@code sim} only)
 */
public record BleSpec(Driver driver, String adapter, double rangeMeters, double lossPercent) {
    /** BLE drivers. */
    public enum Driver {
        /** BlueZ through tinyb; needs the natives for this CPU and a running bluetoothd. */
        TINYB,
        /** A simulated radio on an in-JVM medium. */
        SIM
    }

    public BleSpec {
        if (!(rangeMeters > 0)) {
            throw new IllegalArgumentException("range must be positive, found " + rangeMeters);
        }
        if (!(lossPercent >= 0 && lossPercent <= 100)) {
            throw new IllegalArgumentException("loss must be 0..100 percent, found " + lossPercent);
        }
    }
}
