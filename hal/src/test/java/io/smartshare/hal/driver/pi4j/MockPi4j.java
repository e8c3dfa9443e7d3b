package io.smartshare.hal.driver.pi4j;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProvider;

/**
 * Pi4J's mock plugin as the tests use it. Its I2C device keeps one FIFO of bytes per
 * register (a write appends, a read of N bytes at a register takes N from that register's
 * queue) and one for plain reads and writes; tests load the queues with what the chip
 * would answer.
 */
public final class MockPi4j {
    private MockPi4j() {
    }

    /** A context with Pi4J's mock I2C, digital input and digital output providers. */
    public static Context context() {
        return Pi4J.newContextBuilder()
                .noAutoDetect()
                .add(MockI2CProvider.newInstance(), MockDigitalInputProvider.newInstance(),
                        MockDigitalOutputProvider.newInstance())
                .build();
    }

    /** The mock device the driver opened for bus and address. */
    public static I2C device(Context context, int bus, int address) {
        return context.registry().get(String.format("i2c-%d-%02x", bus, address), I2C.class);
    }
}
