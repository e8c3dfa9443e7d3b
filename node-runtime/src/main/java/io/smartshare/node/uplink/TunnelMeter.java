package io.smartshare.node.uplink;

import io.smartshare.hal.dataplane.DataPlaneException;
import io.smartshare.hal.dataplane.PeerTransfer;
import io.smartshare.hal.dataplane.WireGuardKey;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.mesh.forwarding.Carriage;
import io.smartshare.node.mesh.forwarding.CarriageSnapshot;
import java.util.HashMap;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Relay service carried by the tunnel, per neighbour, from WireGuard's per-peer transfer
 * counters (docs/uplink.md, "Metering"): bytes WireGuard received from a peer decrypted with
 * that peer's key, so no other node can move them, and bytes it sent to the peer. What moved
 * between two readings is the service of the role the peer had then: with a child (a
 * neighbour registered with this node) this node provided, {@code up} = received from it,
 * {@code down} = sent to it; with the parent this node consumed, {@code up} = sent to it,
 * {@code down} = received from it. Traffic with other neighbours is not metered. A counter
 * that went backwards (the peer was removed and set again, or WireGuard restarted) counts
 * from zero. Counts since the node started, like the mesh's carriage meter: the node's
 * {@code PeerMeter} adds the totals stored before.
 *
 * <p>Every {@link #get()} reads the counters afresh: a receipt is signed by the consumer and
 * checked by the provider against readings taken when each does it, so the two differ only
 * by what moved while the receipt travelled. Thread-safe.
 */
public final class TunnelMeter implements Supplier<CarriageSnapshot> {
    /** Where readings come from: the running uplink. */
    @FunctionalInterface
    interface Source {
        Reading read() throws DataPlaneException;
    }

    /**
     * The counters and the roles of the peers, now.
     *
     * @param counters every peer's counters
     * @param ids the node id of each peer's key
     * @param parent the preferred parent, if any
     * @param children the neighbours registered with this node
     */
    record Reading(Map<WireGuardKey, PeerTransfer> counters, Map<WireGuardKey, NodeId> ids, Optional<NodeId> parent,
            Set<NodeId> children) {
    }

    private static final long NEVER = Long.MIN_VALUE;
    private final Source source;
    private final Map<NodeId, Carriage> provided = new HashMap<>();
    private final Map<NodeId, Carriage> consumed = new HashMap<>();
    private volatile Map<WireGuardKey, PeerTransfer> last = Map.of();
    private volatile Optional<String> lastError = Optional.empty();
    /** {@link System#nanoTime()} at the last reading; {@link #NEVER} before the first. */
    private volatile long lastReadNanos = NEVER;

    TunnelMeter(Source source) {
        this.source = source;
    }

    /** Takes {@code reading} into the totals. */
    synchronized void record(Reading reading) {
        Map<WireGuardKey, PeerTransfer> now = reading.counters();
        Map<WireGuardKey, NodeId> ids = reading.ids();
        Optional<NodeId> parent = reading.parent();
        Set<NodeId> children = reading.children();
        for (Map.Entry<WireGuardKey, PeerTransfer> e : now.entrySet()) {
            NodeId id = ids.get(e.getKey());
            if (id == null) {
                continue;
            }
            PeerTransfer before = last.getOrDefault(e.getKey(), new PeerTransfer(0, 0));
            PeerTransfer after = e.getValue();
            long rx = after.rxBytes() >= before.rxBytes() ? after.rxBytes() - before.rxBytes() : after.rxBytes();
            long tx = after.txBytes() >= before.txBytes() ? after.txBytes() - before.txBytes() : after.txBytes();
            if (rx == 0 && tx == 0) {
                continue;
            }
            if (parent.equals(Optional.of(id))) {
                consumed.merge(id, new Carriage(tx, rx, 0), Carriage::plus);
            } else if (children.contains(id)) {
                provided.merge(id, new Carriage(rx, tx, 0), Carriage::plus);
            }
        }
        last = Map.copyOf(now);
    }

    /** What was carried since the node started, read now. */
    @Override
    public synchronized CarriageSnapshot get() {
        lastReadNanos = System.nanoTime();
        try {
            record(source.read());
            lastError = Optional.empty();
        } catch (DataPlaneException e) {
            lastError = Optional.of(e.getMessage());
        }
        return new CarriageSnapshot(provided, consumed);
    }

    /**
     * Reads the counters unless a reading (by any caller: the rewards read every second) is
     * more recent than {@code age}, so {@link #lastCounters} stays that fresh without a second
     * read of the tunnel.
     */
    void readIfOlderThan(Duration age) {
        long last = lastReadNanos;
        if (last == NEVER || System.nanoTime() - last >= age.toNanos()) {
            get();
        }
    }

    /** Why the last reading failed, if it did (the totals then stay as they were); never waits for a reading. */
    Optional<String> lastError() {
        return lastError;
    }

    /** Every peer's counters as the last reading found them; never waits for a reading. */
    Map<WireGuardKey, PeerTransfer> lastCounters() {
        return last;
    }
}
