package io.smartshare.node.mesh.routing;

import io.smartshare.hal.dataplane.IpPrefix;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.mesh.wire.Registration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The registration side of routing (RPL storing mode): learns downward routes from
 * children's registrations and says which targets this node must register with its own parent. Sends nothing
 * itself. Not thread-safe.
 */
public final class Registrar {
    private final NodeId self;
    private final int lifetimeSeconds;
    private final DownwardRoutes routes = new DownwardRoutes();
    private long ownPathSequence;
    private List<IpPrefix> ownPrefixes = List.of();

    /**
     * @param firstPathSequence this node's first path sequence; it must be newer (RFC 1982, 32
     *     bits) than any this key registered before a restart, or the node's fresh routes lose
     *     to its own stale ones: the daemon derives it from the clock like the hello sequence
     */
    public Registrar(NodeId self, int lifetimeSeconds, long firstPathSequence) {
        this.self = self;
        this.lifetimeSeconds = lifetimeSeconds;
        this.ownPathSequence = (firstPathSequence - 1) & 0xFFFF_FFFFL;
    }

    /**
     * Learns the targets of a registration from neighbour {@code child}.
     *
     * @param parent this node's preferred parent (a parent is never accepted as a child)
     * @return the targets that changed, to relay to this node's own parent
     */
    public List<Registration.Target> learn(NodeId child, List<Registration.Target> targets, Optional<NodeId> parent,
                                           long nowMillis) {
        if (parent.equals(Optional.of(child))) {
            return List.of();
        }
        List<Registration.Target> changed = new ArrayList<>();
        for (Registration.Target t : targets) {
            if (!t.node().equals(self) && routes.learn(t.node(), child, t.pathSequence(), t.lifetimeSeconds(), t.prefixes(),
                    nowMillis)) {
                changed.add(t);
            }
        }
        return changed;
    }

    /**
     * This node chose {@code parent}: routes through it are stale (they would form a cycle)
     * and are dropped.
     *
     * @return this node's registration with a new path sequence; the subtree re-registers
     *     itself when asked (a {@code RefreshRequest}), with new sequences of its own
     */
    public Registration.Target newParent(NodeId parent) {
        routes.removeVia(parent);
        return nextOwnTarget();
    }

    /**
     * Sets the prefixes this node announces with its own registrations (its LAN).
     *
     * @return whether they changed (the parent must then hear a new registration)
     * @throws IllegalArgumentException if there are more than a registration target carries
     */
    public boolean announce(List<IpPrefix> prefixes) {
        List<IpPrefix> checked = Registration.Target.announceable(prefixes);
        boolean changed = !ownPrefixes.equals(checked);
        ownPrefixes = checked;
        return changed;
    }

    /** This node's periodic re-registration, with a new path sequence. */
    public Registration.Target refresh() {
        return nextOwnTarget();
    }

    /** The children: neighbours that registered themselves with this node. */
    public List<NodeId> children(long nowMillis) {
        return routes.views(nowMillis).stream().filter(r -> r.target().equals(r.via())).map(DownwardRoute::via).toList();
    }

    /** The child to send a packet for {@code target} to. */
    public Optional<NodeId> nextHop(NodeId target, long nowMillis) {
        return routes.nextHop(target, nowMillis);
    }

    /** A neighbour was forgotten: its routes go. */
    public void forget(NodeId neighbor) {
        routes.removeVia(neighbor);
    }

    /** Targets of registrations refused because the table of downward routes was full. */
    public long routesRefused() {
        return routes.refused();
    }

    /** Drops expired routes. */
    public void expire(long nowMillis) {
        routes.expire(nowMillis);
    }

    /** The downward routes, sorted by target. */
    public List<DownwardRoute> views(long nowMillis) {
        return routes.views(nowMillis);
    }

    private Registration.Target nextOwnTarget() {
        ownPathSequence = (ownPathSequence + 1) & 0xFFFF_FFFFL;
        return new Registration.Target(self, ownPathSequence, lifetimeSeconds, ownPrefixes);
    }
}
