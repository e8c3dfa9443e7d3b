package io.smartshare.node.lifecycle;

import java.util.Objects;

/**
 * Whether a service runs on this node, and if not, why (for {@code /health} and the start-up log).
 *
 * @param runs whether the service starts
 * @param reason why it does not run; empty when it runs
 */
public record Activation(boolean runs, String reason) {
    public Activation {
        Objects.requireNonNull(reason, "reason");
        if (runs != reason.isEmpty()) {
            throw new IllegalArgumentException("a service that runs has no reason, one that does not has one");
        }
    }

    /** The service runs. */
    public static Activation run() {
        return new Activation(true, "");
    }

    /** The service does not run, because of {@code reason}. */
    public static Activation off(String reason) {
        return new Activation(false, reason);
    }
}
