package io.smartshare.hal.health;

import java.util.Objects;

/**
 * The state of one part of an open board, as {@code /health} shows it.
 *
 * @param component what it is: {@code net}, {@code storage}, {@code cpu}, {@code gpio},
 *     {@code ble}, or {@code sensor:ID}
 * @param driver the driver running it: {@code linux}, {@code pi4j}, {@code tinyb}, {@code sim}
 * @param state up, degraded or absent
 * @param reason why it is not up, for an operator; empty when up
 * @param optional true if the node is not degraded when it is absent (an optional sensor)
 */
public record DriverHealth(String component, String driver, DriverState state, String reason, boolean optional) {
    public DriverHealth {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
    }

    /** A working component. */
    public static DriverHealth up(String component, String driver) {
        return new DriverHealth(component, driver, DriverState.UP, "", false);
    }

    /** A component failing now, for {@code reason}. */
    public static DriverHealth degraded(String component, String driver, String reason) {
        return new DriverHealth(component, driver, DriverState.DEGRADED, reason, false);
    }

    /** A component that is not there, for {@code reason}. */
    public static DriverHealth absent(String component, String driver, String reason) {
        return new DriverHealth(component, driver, DriverState.ABSENT, reason, false);
    }

    /** This state of an optional component: absent, it does not degrade the node. */
    public DriverHealth asOptional() {
        return new DriverHealth(component, driver, state, reason, true);
    }

    /** True unless the component is failing, or absent though the node needs it. */
    public boolean fine() {
        return state == DriverState.UP || (state == DriverState.ABSENT && optional);
    }
}
