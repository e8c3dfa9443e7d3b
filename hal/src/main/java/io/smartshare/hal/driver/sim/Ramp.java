package io.smartshare.hal.driver.sim;

/**
 * A counter that only grows: {@code rate * t + swing * (1 - cos(2 pi t / period))}, whose
 * slope stays between half and one and a half times {@code rate}, so the simulated traffic
 * and load breathe without ever going backwards.
 */
record Ramp(double rate, double periodSeconds) {
    long at(double seconds) {
        double omega = 2 * Math.PI / periodSeconds;
        double swing = 0.5 * rate / omega;
        return (long) Math.floor(rate * seconds + swing * (1 - Math.cos(omega * seconds)));
    }
}
