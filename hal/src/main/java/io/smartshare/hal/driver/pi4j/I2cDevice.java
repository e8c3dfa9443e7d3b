package io.smartshare.hal.driver.pi4j;

import com.pi4j.io.i2c.I2C;
import io.smartshare.hal.board.SensorSpec;
import io.smartshare.hal.sensor.SensorException;
import java.util.Locale;

/**
 * One sensor's I2C device, whose every failure (an exception from Pi4J, a short read)
 * becomes a {@link SensorException} naming the sensor, chip, bus and address.
 */
final class I2cDevice {
    private final I2C i2c;
    private final String name;

    I2cDevice(I2C i2c, SensorSpec.I2c spec) {
        this.i2c = i2c;
        this.name = String.format("sensor %s (%s, bus %d, address 0x%02x)",
                spec.id(), spec.chip().name().toLowerCase(Locale.ROOT), spec.bus(), spec.address());
    }

    /** Prefix for messages about this device. */
    String name() {
        return name;
    }

    int readRegister(int register) throws SensorException {
        try {
            int value = i2c.readRegister(register);
            if (value < 0) {
                throw failure("no answer reading register " + hex(register));
            }
            return value & 0xFF;
        } catch (RuntimeException e) {
            throw failure("reading register " + hex(register) + " failed: " + e.getMessage(), e);
        }
    }

    byte[] readRegister(int register, int length) throws SensorException {
        byte[] buffer = new byte[length];
        int read;
        try {
            read = i2c.readRegister(register, buffer, 0, length);
        } catch (RuntimeException e) {
            throw failure("reading " + length + " bytes at " + hex(register) + " failed: " + e.getMessage(), e);
        }
        if (read != length) {
            throw failure("short read at " + hex(register) + ": expected " + length + " bytes, got " + Math.max(read, 0));
        }
        return buffer;
    }

    void writeRegister(int register, int value) throws SensorException {
        try {
            i2c.writeRegister(register, (byte) value);
        } catch (RuntimeException e) {
            throw failure("writing register " + hex(register) + " failed: " + e.getMessage(), e);
        }
    }

    void write(byte... bytes) throws SensorException {
        try {
            i2c.write(bytes, 0, bytes.length);
        } catch (RuntimeException e) {
            throw failure("writing a command failed: " + e.getMessage(), e);
        }
    }

    byte[] read(int length) throws SensorException {
        byte[] buffer = new byte[length];
        int read;
        try {
            read = i2c.read(buffer, 0, length);
        } catch (RuntimeException e) {
            throw failure("reading " + length + " bytes failed: " + e.getMessage(), e);
        }
        if (read != length) {
            throw failure("short read: expected " + length + " bytes, got " + Math.max(read, 0));
        }
        return buffer;
    }

    SensorException failure(String problem) {
        return new SensorException(name + ": " + problem);
    }

    private SensorException failure(String problem, Throwable cause) {
        return new SensorException(name + ": " + problem, cause);
    }

    static String hex(int value) {
        return String.format("0x%02x", value);
    }
}
