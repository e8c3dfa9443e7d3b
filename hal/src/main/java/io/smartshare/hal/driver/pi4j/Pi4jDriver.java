package io.smartshare.hal.driver.pi4j;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInputConfigBuilder;
import com.pi4j.io.gpio.digital.DigitalOutputConfigBuilder;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CConfigBuilder;
import com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalInputProvider;
import com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import io.smartshare.hal.board.PinSpec;
import io.smartshare.hal.board.SensorSpec;
import io.smartshare.hal.gpio.DigitalInput;
import io.smartshare.hal.gpio.DigitalOutput;
import io.smartshare.hal.sensor.Sensor;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code pi4j} driver: GPIO pins and I2C sensors through Pi4J 2.x. On a device it uses
 * Pi4J's Linux file-system providers ({@code /sys/class/gpio}, {@code /dev/i2c-N}); tests
 * hand it a context built with Pi4J's mock plugin.
 */
public final class Pi4jDriver implements AutoCloseable {
    /** The driver's name in health reports. */
    public static final String NAME = "pi4j";
    private static final Logger LOG = LoggerFactory.getLogger(Pi4jDriver.class);

    private final Context context;
    private final boolean owned;
    private final Pause pause;

    private Pi4jDriver(Context context, boolean owned, Pause pause) {
        this.context = context;
        this.owned = owned;
        this.pause = pause;
    }

    /**
     * Opens the driver on {@code context} if given (it stays the caller's to shut down), else
     * on a new context with the Linux file-system providers, which {@link #close()} shuts down.
     */
    public static Pi4jDriver open(Optional<Context> context) {
        return context.map(given -> new Pi4jDriver(given, false, Pause.SLEEP)).orElseGet(() -> {
            Context created = Pi4J.newContextBuilder()
                    .noAutoDetect()
                    .add(LinuxFsI2CProvider.newInstance(), LinuxFsDigitalInputProvider.newInstance(),
                            LinuxFsDigitalOutputProvider.newInstance())
                    .build();
            return new Pi4jDriver(created, true, Pause.SLEEP);
        });
    }

    /** For tests: a driver whose sensors do not wait for conversions. */
    static Pi4jDriver withoutPauses(Context context) {
        return new Pi4jDriver(context, false, duration -> { });
    }

    /** A BME280 or SHT3x on its bus and address. Opening never talks to the chip; the first read does. */
    public Sensor sensor(SensorSpec.I2c spec, Clock clock) {
        I2CConfigBuilder config = I2C.newConfigBuilder(context)
                .id(String.format("i2c-%d-%02x", spec.bus(), spec.address()))
                .bus(spec.bus())
                .device(spec.address());
        I2cDevice device = new I2cDevice(context.create(config), spec);
        return switch (spec.chip()) {
            case BME280 -> new Bme280(spec.id(), device, clock, pause);
            case SHT3X -> new Sht3x(spec.id(), device, clock, pause);
        };
    }

    /** An output pin, driven inactive at start and at shutdown. */
    public DigitalOutput output(PinSpec pin, int sysfsBase) {
        DigitalState off = pin.activeLow() ? DigitalState.HIGH : DigitalState.LOW;
        DigitalOutputConfigBuilder config = com.pi4j.io.gpio.digital.DigitalOutput.newConfigBuilder(context)
                .id("pin-" + pin.id())
                .address(sysfsBase + pin.bcm())
                .initial(off)
                .shutdown(off);
        return new Pi4jOutput(pin, context.create(config));
    }

    /** An input pin. Pull resistors are set where the provider can (sysfs cannot: set them in config.txt). */
    public DigitalInput input(PinSpec pin, int sysfsBase) {
        DigitalInputConfigBuilder config = com.pi4j.io.gpio.digital.DigitalInput.newConfigBuilder(context)
                .id("pin-" + pin.id())
                .address(sysfsBase + pin.bcm())
                .pull(switch (pin.pull()) {
                    case UP -> PullResistance.PULL_UP;
                    case DOWN -> PullResistance.PULL_DOWN;
                    case NONE -> PullResistance.OFF;
                });
        return new Pi4jInput(pin, context.create(config));
    }

    /** Shuts the context down if this driver made it. */
    @Override
    public void close() {
        if (owned) {
            try {
                context.shutdown();
            } catch (RuntimeException e) {
                LOG.warn("event=pi4j-shutdown-failed error=\"{}\"", e.toString());
            }
        }
    }
}
