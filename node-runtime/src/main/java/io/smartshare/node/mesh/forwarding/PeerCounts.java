package io.smartshare.node.mesh.forwarding;

import io.smartshare.ledger.identity.NodeId;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Counts per peer for at most {@code capacity} peers: a peer beyond them is not counted (the
 * newest refused; docs/hostile-networks.md), and each such refusal is counted. New peers are
 * neighbours that proved their keys, admitted at most 2 a second, so the bound is reached only
 * by a node that has served over a thousand identities since it started. Not thread-safe.
 *
 * @param <V> the count kept per peer
 */
final class PeerCounts<V> {
    /** Peers the relay meters count at most. */
    static final int MAX_PEERS = 1_024;
    private final Map<NodeId, V> counts = new HashMap<>();
    private final V zero;
    private final int capacity;
    private long refused;

    PeerCounts(V zero, int capacity) {
        this.zero = zero;
        this.capacity = capacity;
    }

    /** Applies {@code add} to {@code peer}'s count (starting from zero), unless it is a new peer beyond the bound. */
    void add(NodeId peer, UnaryOperator<V> add) {
        V old = counts.get(peer);
        if (old == null && counts.size() >= capacity) {
            refused++;
            return;
        }
        counts.put(peer, add.apply(old == null ? zero : old));
    }

    /** The counts (a live view; copy it before handing it out). */
    Map<NodeId, V> counts() {
        return counts;
    }

    /** Updates of a new peer that found the table full. */
    long refused() {
        return refused;
    }
}
