package io.smartshare.hal.driver.sim;

import io.smartshare.hal.board.SensorSpec;
import io.smartshare.hal.sensor.Quantity;
import io.smartshare.hal.sensor.Reading;
import io.smartshare.hal.sensor.Sensor;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code base + amplitude * sin(2 pi t / period) + noise}, rounded to hundredths, where t
 * is the time since the driver was made and the Gaussian noise is drawn once per poll
 * interval from the seed, the sensor id and the interval's number.
 */
final class SimSensor implements Sensor {
    private final SensorSpec.Sim spec;
    private final SimDriver driver;

    SimSensor(SensorSpec.Sim spec, SimDriver driver) {
        this.spec = spec;
        this.driver = driver;
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public String driver() {
        return SimDriver.NAME;
    }

    @Override
    public List<Quantity> quantities() {
        return List.of(spec.quantity());
    }

    @Override
    public List<Reading> read() {
        double t = driver.elapsedSeconds();
        double period = spec.period().toMillis() / 1000.0;
        long interval = (long) Math.floor(t * 1000 / spec.poll().toMillis());
        double noise = spec.noise() == 0 ? 0
                : spec.noise() * new SplittableRandom(driver.seed() * 31 + spec.id().hashCode() * 1_000_003L + interval)
                        .nextGaussian();
        double value = spec.base() + spec.amplitude() * Math.sin(2 * Math.PI * t / period) + noise;
        return List.of(new Reading(spec.id(), spec.quantity(), Math.round(value * 100) / 100.0, driver.now()));
    }
}
