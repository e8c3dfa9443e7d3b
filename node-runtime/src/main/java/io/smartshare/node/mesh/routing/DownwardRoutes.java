package io.smartshare.node.mesh.routing;

import io.smartshare.hal.dataplane.IpPrefix;
import io.smartshare.ledger.identity.NodeId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Routes down the tree learnt from registrations (RPL storing mode): target, the child it is
 * reached through, its path sequence and expiry. A registration replaces an entry if its
 * path sequence is newer (RFC 1982 serial arithmetic on 32 bits) or the entry has expired;
 * an equal sequence refreshes nothing (it is a copy of a registration already learnt, and
 * through another child it can only be a stale one). At most {@link #CAPACITY} targets are
 * kept: when the table is full of live routes a new target is refused (counted), while the
 * targets it holds keep refreshing, so a neighbour registering made-up targets cannot grow it
 * without bound. Not thread-safe.
 */
final class DownwardRoutes {
    /** Targets kept at most: twice the 1,000-node mesh the protocol is sized for, all below one gateway. */
    static final int CAPACITY = 2_048;
    /** Expired routes are never used; they are swept out at most this often. */
    private static final long SWEEP_INTERVAL_MILLIS = 10_000;
    private final Map<NodeId, Entry> routes = new HashMap<>();
    private long nextSweepMillis;
    private long refused;

    /**
     * Learns {@code target}, announcing {@code prefixes}, via {@code child}.
     *
     * @return true if the table changed in a way the parent must hear about
     */
    boolean learn(NodeId target, NodeId child, long pathSequence, int lifetimeSeconds, List<IpPrefix> prefixes,
            long nowMillis) {
        Entry old = routes.get(target);
        if (old != null && nowMillis < old.expiresAtMillis) {
            if (serialCompare(pathSequence, old.pathSequence) <= 0) {
                return false;
            }
        }
        if (old == null && routes.size() >= CAPACITY) {
            routes.values().removeIf(e -> nowMillis >= e.expiresAtMillis);
            if (routes.size() >= CAPACITY) {
                refused++;
                return false;
            }
        }
        routes.put(target, new Entry(child, pathSequence, nowMillis + lifetimeSeconds * 1000L, List.copyOf(prefixes)));
        return true;
    }

    /** The child to send a packet for {@code target} to. */
    Optional<NodeId> nextHop(NodeId target, long nowMillis) {
        Entry e = routes.get(target);
        return e != null && nowMillis < e.expiresAtMillis ? Optional.of(e.via) : Optional.empty();
    }

    /** Drops every route through {@code neighbor} (it was forgotten after dying, or became the parent). */
    void removeVia(NodeId neighbor) {
        routes.values().removeIf(e -> e.via.equals(neighbor));
    }

    /** Drops expired routes (at most every few seconds; until then they are ignored). */
    void expire(long nowMillis) {
        if (nowMillis < nextSweepMillis) {
            return;
        }
        nextSweepMillis = nowMillis + SWEEP_INTERVAL_MILLIS;
        routes.values().removeIf(e -> nowMillis >= e.expiresAtMillis);
    }

    /** New targets refused because the table was full of live routes. */
    long refused() {
        return refused;
    }

    /** A snapshot of the live routes, sorted by target. */
    List<DownwardRoute> views(long nowMillis) {
        List<DownwardRoute> out = new ArrayList<>();
        routes.forEach((target, e) -> {
            if (nowMillis < e.expiresAtMillis) {
                out.add(new DownwardRoute(target, e.via, e.expiresAtMillis - nowMillis, e.prefixes));
            }
        });
        out.sort(Comparator.comparing(r -> r.target().value()));
        return out;
    }

    static int serialCompare(long a, long b) {
        long diff = (a - b) & 0xFFFF_FFFFL;
        return diff == 0 ? 0 : diff < 0x8000_0000L ? 1 : -1;
    }

    private record Entry(NodeId via, long pathSequence, long expiresAtMillis, List<IpPrefix> prefixes) {
    }
}
