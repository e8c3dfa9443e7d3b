package io.smartshare.node.mesh.neighbor;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.mesh.LinkAddress;
import io.smartshare.node.mesh.wire.Hello;

/** What this node knows about one neighbour; owned and mutated by {@link NeighborTable} only. */
final class Neighbor {
    final NodeId id;
    final EtxEstimator etx = new EtxEstimator();
    LinkAddress address;
    Hello lastHello;
    long lastHeardMillis;
    long lastProbeMillis = Long.MIN_VALUE / 2;
    long deadSinceMillis;
    boolean alive = true;
    /** False from its death until its next hello: a neighbour that died may have rebooted and lost its rank. */
    boolean helloFresh = true;
    int consecutiveTimeouts;

    Neighbor(LinkAddress address, Hello hello, long nowMillis) {
        this.id = hello.sender();
        this.address = address;
        this.lastHello = hello;
        this.lastHeardMillis = nowMillis;
    }
}
