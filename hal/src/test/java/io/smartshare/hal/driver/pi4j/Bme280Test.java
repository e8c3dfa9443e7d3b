package io.smartshare.hal.driver.pi4j;

import static io.smartshare.hal.driver.pi4j.Bme280Fixture.ADC_H;
import static io.smartshare.hal.driver.pi4j.Bme280Fixture.ADC_P;
import static io.smartshare.hal.driver.pi4j.Bme280Fixture.ADC_T;
import static io.smartshare.hal.driver.pi4j.Bme280Fixture.H1;
import static io.smartshare.hal.driver.pi4j.Bme280Fixture.H2;
import static io.smartshare.hal.driver.pi4j.Bme280Fixture.H3;
import static io.smartshare.hal.driver.pi4j.Bme280Fixture.H4;
import static io.smartshare.hal.driver.pi4j.Bme280Fixture.H5;
import static io.smartshare.hal.driver.pi4j.Bme280Fixture.H6;
import static io.smartshare.hal.driver.pi4j.Bme280Fixture.calibrationH;
import static io.smartshare.hal.driver.pi4j.Bme280Fixture.calibrationTp;
import static io.smartshare.hal.driver.pi4j.Bme280Fixture.data;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import io.smartshare.hal.board.SensorSpec;
import io.smartshare.hal.sensor.Quantity;
import io.smartshare.hal.sensor.Reading;
import io.smartshare.hal.sensor.Sensor;
import io.smartshare.hal.sensor.SensorException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The BME280 against the datasheet's worked example (Bosch's BMP280/BME280 example values:
 * dig_T1=27504, dig_T2=26435, dig_T3=-1000, adc_T=519888 gives t_fine=128422 and 25.08 degC;
 * with dig_P1..9 and adc_P=415148, p = 100653.27 Pa). The datasheet's pressure figure comes
 * from the floating-point formula fed a fractional t_fine (128422.29); the 64-bit integer
 * formula lands within 0.02 Pa of it.
 */
class Bme280Test {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final SensorSpec.I2c SPEC =
            new SensorSpec.I2c("env", SensorSpec.I2c.Chip.BME280, 1, 0x76, Duration.ofSeconds(10), false);

    private Context context;
    private Sensor sensor;
    private I2C chip;

    @BeforeEach
    void openOnMockI2c() {
        context = MockPi4j.context();
        sensor = Pi4jDriver.withoutPauses(context).sensor(SPEC, Clock.fixed(NOW, ZoneOffset.UTC));
        chip = MockPi4j.device(context, 1, 0x76);
    }

    @AfterEach
    void shutDown() {
        context.shutdown();
    }

    private void loadChip(int chipId) {
        chip.writeRegister(Bme280.REG_ID, (byte) chipId);
        chip.writeRegister(Bme280.REG_CALIB_TP, calibrationTp());
        chip.writeRegister(Bme280.REG_CALIB_H1, (byte) H1);
        chip.writeRegister(Bme280.REG_CALIB_H, calibrationH());
    }

    /** Humidity by the datasheet's floating-point formula (section 8.1), to check the integer one. */
    private static double humidityByDoubleFormula(int adcH, int tFine) {
        double v = tFine - 76800.0;
        double h = (adcH - (H4 * 64.0 + H5 / 16384.0 * v))
                * (H2 / 65536.0 * (1.0 + H6 / 67108864.0 * v * (1.0 + H3 / 67108864.0 * v)));
        return h * (1.0 - H1 * h / 524288.0);
    }

    @Test
    void calibrationReproducesTheDatasheetExample() {
        Bme280Calibration trim = Bme280Calibration.parse(calibrationTp(), H1, calibrationH());
        assertEquals(27504, trim.t1());
        assertEquals(-1000, trim.t3());
        assertEquals(-7, trim.p6());
        assertEquals(List.of(H2, H4, H5, H6), List.of(trim.h2(), trim.h4(), trim.h5(), trim.h6()));
        int tFine = trim.tFine(ADC_T);
        assertEquals(128422, tFine);
        assertEquals(25.08, trim.celsius(tFine), 1e-9);
        assertEquals(100653.27, trim.pascal(ADC_P, tFine), 0.02);
    }

    @Test
    void negativeHumidityTrimBytesAreSignExtended() {
        byte[] h = {0, 0, 0, (byte) 0xF0, (byte) 0x00, (byte) 0xF0, (byte) 0xFF};
        Bme280Calibration trim = Bme280Calibration.parse(calibrationTp(), 0, h);
        assertEquals(-256, trim.h4());
        assertEquals(-256, trim.h5());
        assertEquals(-1, trim.h6());
    }

    @Test
    void readsCompensatedValuesFromTheChipInForcedMode() throws SensorException {
        loadChip(Bme280.CHIP_ID);
        chip.writeRegister(Bme280.REG_DATA, data(ADC_P, ADC_T, ADC_H));

        List<Reading> readings = sensor.read();

        assertEquals(List.of(Quantity.TEMPERATURE, Quantity.HUMIDITY, Quantity.PRESSURE),
                readings.stream().map(Reading::quantity).toList());
        assertEquals(25.08, readings.get(0).value(), 1e-9);
        assertEquals("Cel", readings.get(0).unit());
        assertEquals(humidityByDoubleFormula(ADC_H, 128422), readings.get(1).value(), 0.01);
        assertEquals(1006.5327, readings.get(2).value(), 0.0002);
        assertEquals("hPa", readings.get(2).unit());
        assertTrue(readings.stream().allMatch(r -> r.at().equals(NOW) && r.sensorId().equals("env")));
        // What the driver wrote to start the conversion.
        assertEquals(Bme280.CTRL_HUM_X1, chip.readRegister(Bme280.REG_CTRL_HUM));
        assertEquals(0x25, chip.readRegister(Bme280.REG_CTRL_MEAS));
    }

    @Test
    void readsCalibrationOnceAndEachMeasurementFresh() throws SensorException {
        loadChip(Bme280.CHIP_ID);
        chip.writeRegister(Bme280.REG_DATA, data(ADC_P, ADC_T, ADC_H));
        chip.writeRegister(Bme280.REG_DATA, data(ADC_P, ADC_T + 16 * 100, ADC_H));
        double first = sensor.read().get(0).value();
        double second = sensor.read().get(0).value();
        assertTrue(second > first, first + " then " + second);
    }

    @Test
    void bmp280ChipIdIsReportedNotRead() {
        loadChip(0x58);
        SensorException error = assertThrows(SensorException.class, sensor::read);
        assertEquals("sensor env (bme280, bus 1, address 0x76): chip id is 0x58, expected 0x60 for a BME280 "
                + "(0x58 is a BMP280, which has no humidity)", error.getMessage());
    }

    @Test
    void silentChipIsReported() {
        SensorException error = assertThrows(SensorException.class, sensor::read);
        assertTrue(error.getMessage().startsWith("sensor env (bme280, bus 1, address 0x76): reading register 0xd0 failed"),
                error.getMessage());
    }

    @Test
    void shortDataBurstIsReported() {
        loadChip(Bme280.CHIP_ID);
        chip.writeRegister(Bme280.REG_DATA, new byte[] {1, 2, 3});
        SensorException error = assertThrows(SensorException.class, sensor::read);
        assertEquals("sensor env (bme280, bus 1, address 0x76): short read at 0xf7: expected 8 bytes, got 3",
                error.getMessage());
    }

    @Test
    void skippedMeasurementIsReported() {
        loadChip(Bme280.CHIP_ID);
        chip.writeRegister(Bme280.REG_DATA, data(0x80000, 0x80000, 0x8000));
        SensorException error = assertThrows(SensorException.class, sensor::read);
        assertTrue(error.getMessage().contains("no measurement in the data registers"), error.getMessage());
    }
}
