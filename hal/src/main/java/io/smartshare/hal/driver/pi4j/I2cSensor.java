package io.smartshare.hal.driver.pi4j;

import io.smartshare.hal.sensor.Sensor;
import io.smartshare.hal.sensor.SensorException;
import java.time.Clock;
import java.time.Duration;

/** What every I2C sensor read through Pi4J shares: its id, its device, its clock and the wait for a conversion. */
abstract class I2cSensor implements Sensor {
    private final String id;
    final I2cDevice device;
    final Clock clock;
    private final Pause pause;

    I2cSensor(String id, I2cDevice device, Clock clock, Pause pause) {
        this.id = id;
        this.device = device;
        this.clock = clock;
        this.pause = pause;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String driver() {
        return Pi4jDriver.NAME;
    }

    /** Waits {@code conversion} for the sensor to measure; an interrupt fails the read. */
    final void awaitConversion(Duration conversion) throws SensorException {
        try {
            pause.pause(conversion);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw device.failure("interrupted while converting");
        }
    }
}
