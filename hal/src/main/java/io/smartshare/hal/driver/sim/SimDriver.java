package io.smartshare.hal.driver.sim;

import io.smartshare.hal.board.LinkSpec;
import io.smartshare.hal.board.PinSpec;
import io.smartshare.hal.board.SensorSpec;
import io.smartshare.hal.gpio.DigitalOutput;
import io.smartshare.hal.meter.CpuMeter;
import io.smartshare.hal.meter.IpLinks;
import io.smartshare.hal.sensor.Sensor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The {@code sim} driver: links, CPU meter, sensors and pins whose values are functions of
 * the seed and of the time since the driver was made, so a test with a fixed or stepped
 * {@link Clock} sees the same numbers on every run. Simulated BLE lives in
 * {@link SimBleMedium}.
 */
public final class SimDriver {
    /** The driver's name in health reports. */
    public static final String NAME = "sim";

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final long seed;
    private final Clock clock;
    private final Instant start;

    /**
     * @param seed seed of every signal and rate
     * @param clock time source; signals and counters are functions of time since now
     */
    public SimDriver(long seed, Clock clock) {
        this.seed = seed;
        this.clock = clock;
        this.start = clock.instant();
    }

    /** Links named as in the board file, with counters that grow at seeded rates. */
    public IpLinks links(List<LinkSpec> interfaces) {
        return new SimLinks(interfaces, this);
    }

    /** A CPU meter for a four-core machine at a seeded, slowly varying load. */
    public CpuMeter cpu(int shareCapPercent) {
        return new SimCpu(shareCapPercent, this);
    }

    /** A sensor that follows the spec's signal. */
    public Sensor sensor(SensorSpec.Sim spec) {
        return new SimSensor(spec, this);
    }

    /** An in-memory output pin. */
    public DigitalOutput output(PinSpec pin) {
        return new SimOutput(pin.id());
    }

    /** An in-memory input pin that tests (or a simulator) drive with {@link SimInput#drive(boolean)}. */
    public SimInput input(PinSpec pin) {
        return new SimInput(pin.id());
    }

    long seed() {
        return seed;
    }

    Instant now() {
        return clock.instant();
    }

    /** Seconds since the driver was made, with millisecond resolution. */
    double elapsedSeconds() {
        return Duration.between(start, clock.instant()).toMillis() / 1000.0;
    }

    /** A value in [0, 1) fixed by the seed and {@code salt}. */
    double fraction(String salt) {
        return new SplittableRandom(seed * GOLDEN_GAMMA + salt.hashCode()).nextDouble();
    }
}
