package io.smartshare.node.uplink;

/**
 * How much of its bandwidth a node shares (operator config {@code uplink.share-cap-kbps} and
 * {@code uplink.neighbour-cap-kbps}): traffic it forwards for neighbours, both directions
 * together, at most {@code totalKbps} for all and {@code neighbourKbps} for each; 0 is no
 * limit.
 */
record ShareCaps(long totalKbps, long neighbourKbps) {
    /** No limits. */
    static final ShareCaps NONE = new ShareCaps(0, 0);

    ShareCaps {
        if (totalKbps < 0 || neighbourKbps < 0) {
            throw new IllegalArgumentException("share caps must be >= 0 kbit/s");
        }
    }
}
