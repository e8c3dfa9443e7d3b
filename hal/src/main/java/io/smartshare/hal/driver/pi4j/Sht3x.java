package io.smartshare.hal.driver.pi4j;

import io.smartshare.hal.sensor.Quantity;
import io.smartshare.hal.sensor.Reading;
import io.smartshare.hal.sensor.SensorException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Sensirion SHT3x single-shot measurement, high repeatability, no clock stretching
 * (command 0x2400), then six bytes: temperature word, its CRC, humidity word, its CRC. A
 * word whose CRC does not match fails the read; it never becomes a reading.
 */
final class Sht3x extends I2cSensor {
    static final byte[] MEASURE_HIGH_REPEATABILITY = {0x24, 0x00};
    private static final int RESPONSE_LENGTH = 6;
    /** Datasheet table 4: at most 15.5 ms at high repeatability. */
    private static final Duration CONVERSION = Duration.ofMillis(16);
    private static final double FULL_SCALE = 65535.0;


    Sht3x(String id, I2cDevice device, Clock clock, Pause pause) {
        super(id, device, clock, pause);
    }

    @Override
    public List<Quantity> quantities() {
        return List.of(Quantity.TEMPERATURE, Quantity.HUMIDITY);
    }

    @Override
    public synchronized List<Reading> read() throws SensorException {
        device.write(MEASURE_HIGH_REPEATABILITY);
        awaitConversion(CONVERSION);
        byte[] data = device.read(RESPONSE_LENGTH);
        int rawT = checkedWord(data, 0, "temperature");
        int rawH = checkedWord(data, 3, "humidity");
        var at = clock.instant();
        return List.of(
                new Reading(id(), Quantity.TEMPERATURE, -45 + 175 * (rawT / FULL_SCALE), at),
                new Reading(id(), Quantity.HUMIDITY, 100 * (rawH / FULL_SCALE), at));
    }

    private int checkedWord(byte[] data, int offset, String what) throws SensorException {
        int expected = Crc8.of(data, offset, 2);
        int found = data[offset + 2] & 0xFF;
        int word = ((data[offset] & 0xFF) << 8) | (data[offset + 1] & 0xFF);
        if (expected != found) {
            throw device.failure(String.format("CRC mismatch on %s word 0x%04x: computed 0x%02x, sensor sent 0x%02x",
                    what, word, expected, found));
        }
        return word;
    }
}
