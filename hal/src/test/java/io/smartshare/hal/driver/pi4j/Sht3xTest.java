package io.smartshare.hal.driver.pi4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import io.smartshare.hal.board.SensorSpec;
import io.smartshare.hal.sensor.Quantity;
import io.smartshare.hal.sensor.Reading;
import io.smartshare.hal.sensor.Sensor;
import io.smartshare.hal.sensor.SensorException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SHT3x on Pi4J's mock. Raw 0x6666 is 26214/65535 = 0.4 of full scale, so
 * T = -45 + 175 * 0.4 = 25.0 degC; raw 0x8000 is RH = 100 * 32768/65535 = 50.0008 %.
 * Their CRCs are 0x93 and 0xA2 (the datasheet's algorithm, checked on 0xBEEF -> 0x92).
 */
class Sht3xTest {
    private static final SensorSpec.I2c SPEC =
            new SensorSpec.I2c("climate", SensorSpec.I2c.Chip.SHT3X, 1, 0x44, Duration.ofSeconds(10), false);

    private Context context;
    private Sensor sensor;
    private I2C chip;

    @BeforeEach
    void openOnMockI2c() {
        context = MockPi4j.context();
        sensor = Pi4jDriver.withoutPauses(context).sensor(SPEC, Clock.systemUTC());
        chip = MockPi4j.device(context, 1, 0x44);
    }

    @AfterEach
    void shutDown() {
        context.shutdown();
    }

    /** Queues the chip's answer ahead of the command the driver will write. */
    private void answer(int... bytes) {
        byte[] frame = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            frame[i] = (byte) bytes[i];
        }
        chip.write(frame);
    }

    @Test
    void readsTemperatureAndHumidityWithValidCrcs() throws SensorException {
        answer(0x66, 0x66, 0x93, 0x80, 0x00, 0xA2);

        List<Reading> readings = sensor.read();

        assertEquals(Quantity.TEMPERATURE, readings.get(0).quantity());
        assertEquals(25.0, readings.get(0).value(), 1e-9);
        assertEquals(Quantity.HUMIDITY, readings.get(1).quantity());
        assertEquals(100 * 32768 / 65535.0, readings.get(1).value(), 1e-9);
        assertEquals("%RH", readings.get(1).unit());
        byte[] command = new byte[2];
        chip.read(command);
        assertArrayEquals(Sht3x.MEASURE_HIGH_REPEATABILITY, command);
    }

    @Test
    void temperatureCrcFailureIsReportedNotReturned() {
        answer(0x66, 0x66, 0x92, 0x80, 0x00, 0xA2);
        SensorException error = assertThrows(SensorException.class, sensor::read);
        assertEquals("sensor climate (sht3x, bus 1, address 0x44): CRC mismatch on temperature word 0x6666: "
                + "computed 0x93, sensor sent 0x92", error.getMessage());
    }

    @Test
    void humidityCrcFailureIsReportedNotReturned() {
        answer(0x66, 0x66, 0x93, 0x80, 0x01, 0xA2);
        SensorException error = assertThrows(SensorException.class, sensor::read);
        assertEquals(true, error.getMessage().contains("CRC mismatch on humidity word 0x8001"), error.getMessage());
    }

    @Test
    void extremesOfTheScaleMapToTheDatasheetRange() throws SensorException {
        answer(0x00, 0x00, Crc8.of(new byte[] {0, 0}, 0, 2), 0xFF, 0xFF, Crc8.of(new byte[] {-1, -1}, 0, 2));
        List<Reading> readings = sensor.read();
        assertEquals(-45.0, readings.get(0).value(), 1e-9);
        assertEquals(100.0, readings.get(1).value(), 1e-9);
    }
}
