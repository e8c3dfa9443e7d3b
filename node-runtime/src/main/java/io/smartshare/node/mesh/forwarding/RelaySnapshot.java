package io.smartshare.node.mesh.forwarding;

import io.smartshare.ledger.identity.NodeId;
import java.util.Map;

/**
 * Per-peer relay counts at one moment, for metering (the contracts module turns them into
 * receipts). Immutable.
 *
 * @param peers counts by peer; peers never involved in a relay are absent
 */
public record RelaySnapshot(Map<NodeId, PeerRelayBytes> peers) {
    public RelaySnapshot {
        peers = Map.copyOf(peers);
    }

    /** The counts for {@code peer}, zero if none. */
    public PeerRelayBytes of(NodeId peer) {
        return peers.getOrDefault(peer, PeerRelayBytes.ZERO);
    }

    /** Total bytes relayed (counted once, on the way out). */
    public long totalBytesRelayed() {
        return peers.values().stream().mapToLong(PeerRelayBytes::bytesToDownstream).sum();
    }
}
