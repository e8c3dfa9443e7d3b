package io.smartshare.node.coap;

import java.util.Objects;

/**
 * One service of the node as {@code /health} lists it.
 *
 * @param name the service's name
 * @param state {@code running}, {@code off} (the board or the operator config leaves it out),
 *     {@code starting} or {@code stopped}
 * @param reason why it is off; empty otherwise
 */
public record ServiceStatus(String name, String state, String reason) {
    public ServiceStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
    }
}
