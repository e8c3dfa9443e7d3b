package io.smartshare.node.metering;

import io.smartshare.node.mesh.forwarding.Carriage;

/**
 * Cumulative relay bytes with one neighbour, in both roles. Immutable.
 *
 * @param providedUp request bytes this node carried for the neighbour ({@code relay.up}, provided)
 * @param providedDown response bytes this node carried back to it ({@code relay.down}, provided)
 * @param consumedUp request bytes the neighbour carried for this node
 * @param consumedDown response bytes the neighbour carried back to this node
 */
record RelayTotals(long providedUp, long providedDown, long consumedUp, long consumedDown) {
    static final RelayTotals ZERO = new RelayTotals(0, 0, 0, 0);

    RelayTotals {
        if (providedUp < 0 || providedDown < 0 || consumedUp < 0 || consumedDown < 0) {
            throw new IllegalArgumentException("relay totals must be >= 0");
        }
    }

    /** These totals plus what the mesh counted since the node started. */
    RelayTotals plus(Carriage provided, Carriage consumed) {
        return new RelayTotals(providedUp + provided.upBytes(), providedDown + provided.downBytes(),
                consumedUp + consumed.upBytes(), consumedDown + consumed.downBytes());
    }
}
