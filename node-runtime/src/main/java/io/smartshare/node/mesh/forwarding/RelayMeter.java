package io.smartshare.node.mesh.forwarding;

import io.smartshare.ledger.identity.NodeId;

/**
 * Counts the bytes this node relays, per upstream peer (where a relayed packet came from) and
 * per downstream peer (where it went). Packets this node originates or receives for itself
 * are not relaying and are not counted. Not thread-safe.
 */
public final class RelayMeter {
    private final PeerCounts<PeerRelayBytes> peers = new PeerCounts<>(PeerRelayBytes.ZERO, PeerCounts.MAX_PEERS);

    /** Records one relayed packet of {@code bytes} encoded bytes, received from {@code from}, sent to {@code to}. */
    public void relayed(NodeId from, NodeId to, int bytes) {
        peers.add(from, old -> old.plusFrom(bytes));
        peers.add(to, old -> old.plusTo(bytes));
    }

    /** Packets not counted for a peer because it was new and {@value PeerCounts#MAX_PEERS} peers were counted already. */
    public long peersRefused() {
        return peers.refused();
    }

    /** An immutable copy of the counts. */
    public RelaySnapshot snapshot() {
        return new RelaySnapshot(peers.counts());
    }
}
