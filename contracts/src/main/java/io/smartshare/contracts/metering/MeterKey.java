package io.smartshare.contracts.metering;

import io.smartshare.ledger.identity.Ed25519PublicKey;
import java.util.Objects;

/**
 * What one cumulative counter measures: {@code resource} served to or by {@code peer}.
 *
 * @param peer the other node
 * @param resource the resource
 * @param role whether this node provided the service to the peer or consumed it from the peer
 */
public record MeterKey(Ed25519PublicKey peer, Resource resource, Role role) {
    public MeterKey {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(role, "role");
    }
}
