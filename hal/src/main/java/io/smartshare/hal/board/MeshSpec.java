package io.smartshare.hal.board;

import java.util.Set;

/**
 * The mesh this board can run. The mesh's timers are the protocol's (docs/mesh-protocol.md),
 * the same on every board, so that neighbours agree on when one is dead; the operator config's
 * {@code mesh:} section says where the mesh reaches its neighbours.
 *
 * @param transports how the node reaches neighbours
 * @param maxNeighbours most neighbours kept at once (memory bound on small devices)
 */
public record MeshSpec(Set<Transport> transports, int maxNeighbours) {
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
    }
}
