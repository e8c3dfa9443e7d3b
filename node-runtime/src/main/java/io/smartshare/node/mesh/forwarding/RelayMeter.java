package io.smartshare.node.mesh.forwarding;

import io.smartshare.ledger.identity.NodeId;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts the bytes this node relays, per upstream peer (where a relayed packet came from) and
 * per downstream peer (where it went). Packets this node originates or receives for itself
 * are not relaying and are not counted. Not thread-safe.
 */
public final class RelayMeter {
    private final Map<NodeId, PeerRelayBytes> peers = new HashMap<>();

    /** Records one relayed packet of {@code bytes} encoded bytes, received from {@code from}, sent to {@code to}. */
    public void relayed(NodeId from, NodeId to, int bytes) {
        peers.merge(from, PeerRelayBytes.ZERO.plusFrom(bytes), (old, x) -> old.plusFrom(bytes));
        peers.merge(to, PeerRelayBytes.ZERO.plusTo(bytes), (old, x) -> old.plusTo(bytes));
    }

    /** An immutable copy of the counts. */
    public RelaySnapshot snapshot() {
        return new RelaySnapshot(peers);
    }
}
