package io.smartshare.hal.board;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Mesh defaults for this board; an operator's config may override them.
 *
 * @param transports how the node reaches neighbours
 * @param maxNeighbours most neighbours kept at once (memory bound on small devices)
 * @param helloInterval how often the node announces itself
 * @param uplink the interface whose internet uplink the node shares with the mesh; empty if
 *     the board shares none
 */
public record MeshSpec(Set<Transport> transports, int maxNeighbours, Duration helloInterval, Optional<String> uplink) {
    /** Mesh transports. */
    public enum Transport {
        /** CoAP over UDP with multicast discovery, on the board's IP links. */
        IP,
        /** Advertisements and GATT over the board's BLE radio. */
        BLE
    }

    public MeshSpec {
        transports = Set.copyOf(transports);
        if (transports.isEmpty()) {
            throw new IllegalArgumentException("at least one transport is needed");
        }
        if (maxNeighbours < 1) {
            throw new IllegalArgumentException("max neighbours must be at least 1, found " + maxNeighbours);
        }
        if (helloInterval.isZero() || helloInterval.isNegative()) {
            throw new IllegalArgumentException("hello interval must be positive, found " + helloInterval);
        }
    }
}
