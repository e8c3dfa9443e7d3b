package io.smartshare.hal.driver.pi4j;

import io.smartshare.hal.sensor.Quantity;
import io.smartshare.hal.sensor.Reading;
import io.smartshare.hal.sensor.SensorException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Bosch BME280 in forced mode: each read starts one conversion (oversampling x1 for all
 * three), waits the datasheet's maximum conversion time, then reads the eight data
 * registers in one burst. The chip id and the calibration are read on the first successful
 * read, so a sensor plugged in late is picked up.
 */
final class Bme280 extends I2cSensor {
    static final int CHIP_ID = 0x60;
    static final int REG_CALIB_TP = 0x88;
    static final int REG_CALIB_H1 = 0xA1;
    static final int REG_ID = 0xD0;
    static final int REG_CALIB_H = 0xE1;
    static final int REG_CTRL_HUM = 0xF2;
    static final int REG_CTRL_MEAS = 0xF4;
    static final int REG_DATA = 0xF7;
    static final int DATA_LENGTH = 8;
    /** ctrl_hum: humidity oversampling x1. */
    static final int CTRL_HUM_X1 = 0x01;
    /** ctrl_meas: temperature x1, pressure x1, forced mode. */
    static final int CTRL_MEAS_FORCED_X1 = 0b001_001_01;
    /** Datasheet 9.1: 1.25 + 2.3 + (2.3 + 0.575) + (2.3 + 0.575) ms at x1, rounded up. */
    private static final Duration CONVERSION = Duration.ofMillis(10);
    /** Data registers hold this when a measurement was skipped or never ran. */
    private static final int SKIPPED_20_BIT = 0x80000;
    private static final int SKIPPED_16_BIT = 0x8000;

    private Bme280Calibration calibration;

    Bme280(String id, I2cDevice device, Clock clock, Pause pause) {
        super(id, device, clock, pause);
    }

    @Override
    public List<Quantity> quantities() {
        return List.of(Quantity.TEMPERATURE, Quantity.HUMIDITY, Quantity.PRESSURE);
    }

    @Override
    public synchronized List<Reading> read() throws SensorException {
        Bme280Calibration trim = calibration();
        device.writeRegister(REG_CTRL_HUM, CTRL_HUM_X1);
        device.writeRegister(REG_CTRL_MEAS, CTRL_MEAS_FORCED_X1);
        awaitConversion(CONVERSION);
        byte[] data = device.readRegister(REG_DATA, DATA_LENGTH);
        int adcP = ((data[0] & 0xFF) << 12) | ((data[1] & 0xFF) << 4) | ((data[2] & 0xFF) >> 4);
        int adcT = ((data[3] & 0xFF) << 12) | ((data[4] & 0xFF) << 4) | ((data[5] & 0xFF) >> 4);
        int adcH = ((data[6] & 0xFF) << 8) | (data[7] & 0xFF);
        if (adcT == SKIPPED_20_BIT || adcP == SKIPPED_20_BIT || adcH == SKIPPED_16_BIT) {
            throw device.failure("no measurement in the data registers (raw T=" + adcT + " P=" + adcP + " H=" + adcH + ")");
        }
        int tFine = trim.tFine(adcT);
        double pascal = trim.pascal(adcP, tFine);
        if (pascal == 0) {
            throw device.failure("calibration makes pressure compensation divide by zero");
        }
        var at = clock.instant();
        return List.of(
                new Reading(id(), Quantity.TEMPERATURE, trim.celsius(tFine), at),
                new Reading(id(), Quantity.HUMIDITY, trim.relativeHumidity(adcH, tFine), at),
                new Reading(id(), Quantity.PRESSURE, pascal / 100.0, at));
    }

    private Bme280Calibration calibration() throws SensorException {
        if (calibration == null) {
            int chip = device.readRegister(REG_ID);
            if (chip != CHIP_ID) {
                throw device.failure("chip id is " + I2cDevice.hex(chip) + ", expected " + I2cDevice.hex(CHIP_ID)
                        + " for a BME280 (0x58 is a BMP280, which has no humidity)");
            }
            byte[] tp = device.readRegister(REG_CALIB_TP, Bme280Calibration.TP_LENGTH);
            int h1 = device.readRegister(REG_CALIB_H1);
            byte[] h = device.readRegister(REG_CALIB_H, Bme280Calibration.H_LENGTH);
            calibration = Bme280Calibration.parse(tp, h1, h);
        }
        return calibration;
    }
}
