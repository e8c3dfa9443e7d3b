package io.smartshare.node.mesh.neighbor;

import io.smartshare.node.mesh.link.LinkAddress;

/** One neighbour's link on one medium: its address, quality and liveness; owned by {@link NeighborTable}. */
final class Link {
    LinkAddress address;
    final EtxEstimator etx = new EtxEstimator();
    long lastHeardMillis;
    long lastProbeMillis = Long.MIN_VALUE / 2;
    boolean alive;
    int consecutiveTimeouts;

    Link(LinkAddress address) {
        this.address = address;
    }
}
