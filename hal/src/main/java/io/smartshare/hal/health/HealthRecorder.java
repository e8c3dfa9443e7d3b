package io.smartshare.hal.health;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the current {@link DriverHealth} of one component and logs one line each time its
 * state or reason changes, never once per failed read, so a sensor that stays unplugged
 * for a month writes one line, not a million. Thread-safe.
 */
public final class HealthRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(HealthRecorder.class);

    private final String component;
    private final String driver;
    private final boolean optional;
    private DriverHealth current;

    /** Starts as up. */
    public HealthRecorder(String component, String driver) {
        this(component, driver, false);
    }

    /**
     * Starts as up.
     *
     * @param optional whether the board calls the component optional: absent, it does not
     *     degrade the node ({@link DriverHealth#optional})
     */
    public HealthRecorder(String component, String driver, boolean optional) {
        this.component = Objects.requireNonNull(component, "component");
        this.driver = Objects.requireNonNull(driver, "driver");
        this.optional = optional;
        this.current = marked(DriverHealth.up(component, driver));
    }

    /** The state now. */
    public synchronized DriverHealth current() {
        return current;
    }

    /** The last operation worked. */
    public void up() {
        change(marked(DriverHealth.up(component, driver)));
    }

    /** The last operation failed, for {@code reason}; the component is expected to recover. */
    public void degraded(String reason) {
        change(marked(DriverHealth.degraded(component, driver, reason)));
    }

    /** The component is not available, for {@code reason}. */
    public void absent(String reason) {
        change(marked(DriverHealth.absent(component, driver, reason)));
    }

    private DriverHealth marked(DriverHealth health) {
        return optional ? health.asOptional() : health;
    }

    private void change(DriverHealth next) {
        synchronized (this) {
            if (next.equals(current)) {
                return;
            }
            current = next;
        }
        if (next.state() == DriverState.UP) {
            LOG.info("event=component-up component={} driver={}", component, driver);
        } else {
            LOG.warn("event=component-{} component={} driver={} reason=\"{}\"",
                    next.state().name().toLowerCase(java.util.Locale.ROOT), component, driver, next.reason());
        }
    }
}
