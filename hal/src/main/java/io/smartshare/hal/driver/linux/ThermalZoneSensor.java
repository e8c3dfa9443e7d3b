package io.smartshare.hal.driver.linux;

import io.smartshare.hal.sensor.Quantity;
import io.smartshare.hal.sensor.Reading;
import io.smartshare.hal.sensor.Sensor;
import io.smartshare.hal.sensor.SensorException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** A kernel thermal zone: {@code temp} holds millidegrees Celsius. */
final class ThermalZoneSensor implements Sensor {
    /** Anything outside this is a broken zone, not a temperature. */
    private static final double MIN_CELSIUS = -100;
    private static final double MAX_CELSIUS = 200;

    private final String id;
    private final Path temp;
    private final Clock clock;

    ThermalZoneSensor(String id, Path temp, Clock clock) {
        this.id = id;
        this.temp = temp;
        this.clock = clock;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String driver() {
        return LinuxDriver.NAME;
    }

    @Override
    public List<Quantity> quantities() {
        return List.of(Quantity.TEMPERATURE);
    }

    @Override
    public List<Reading> read() throws SensorException {
        String text;
        try {
            text = Files.readString(temp, StandardCharsets.US_ASCII).trim();
        } catch (NoSuchFileException e) {
            throw SensorException.absent("sensor " + id + ": no thermal zone " + temp, e);
        } catch (IOException e) {
            throw new SensorException("sensor " + id + ": cannot read " + temp + ": " + e.getMessage(), e);
        }
        double celsius;
        try {
            celsius = Long.parseLong(text) / 1000.0;
        } catch (NumberFormatException e) {
            throw new SensorException("sensor " + id + ": " + temp + " holds '" + text + "', not millidegrees");
        }
        if (celsius < MIN_CELSIUS || celsius > MAX_CELSIUS) {
            throw new SensorException("sensor " + id + ": " + temp + " reports " + celsius + " Cel, outside "
                    + MIN_CELSIUS + ".." + MAX_CELSIUS);
        }
        return List.of(new Reading(id, Quantity.TEMPERATURE, celsius, clock.instant()));
    }
}
