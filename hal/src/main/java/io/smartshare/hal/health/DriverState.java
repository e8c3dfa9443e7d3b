package io.smartshare.hal.health;

/** How well one part of the board works. */
public enum DriverState {
    /** Working. */
    UP,
    /** Present but failing now (a sensor not answering, a bad CRC, an unreadable file); retried. */
    DEGRADED,
    /** Not available for the life of the board (no natives, no device, nothing configured). */
    ABSENT
}
