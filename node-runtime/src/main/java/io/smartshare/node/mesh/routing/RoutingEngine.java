package io.smartshare.node.mesh.routing;

import io.smartshare.ledger.identity.NodeId;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's place in the DODAG: gateway role, epoch, rank, preferred and backup parents,
 * feasible distance. Gateways (nodes with a working uplink) are roots at {@link Rank#ROOT};
 * every other node runs {@link ParentSelector}. Not thread-safe.
 */
public final class RoutingEngine {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingEngine.class);

    private final NodeId self;
    private boolean gateway;
    private long uplinkKbps;
    private long epoch;
    private int feasibleDistance = Rank.INFINITE;
    private int rank = Rank.INFINITE;
    private int advertisedRank = Rank.INFINITE;
    private Optional<NodeId> parent = Optional.empty();
    private List<NodeId> backups = List.of();

    public RoutingEngine(NodeId self) {
        this.self = self;
    }

    /** Re-chooses parents from the live neighbours (after any hello, death or link change). */
    public RoutingChange reselect(List<Candidate> neighbors) {
        if (gateway) {
            long newest = Math.max(epoch, neighbors.stream().mapToLong(Candidate::epoch).max().orElse(epoch));
            return apply(new ParentSelection(newest, Rank.ROOT, Optional.empty(), List.of()));
        }
        return apply(ParentSelector.select(epoch, feasibleDistance, parent, neighbors));
    }

    /**
     * The uplink came up or went down. A gateway that loses its uplink keeps its epoch and
     * feasible distance ({@link Rank#ROOT}), so it cannot take a route through its own
     * subtree: it poisons until a new epoch reaches it.
     */
    public RoutingChange setUplink(boolean up, long kbps, List<Candidate> neighbors) {
        uplinkKbps = up ? kbps : 0;
        if (gateway == up) {
            return RoutingChange.NONE;
        }
        gateway = up;
        LOG.info("event=uplink node={} up={} kbps={} epoch={}", self, up, uplinkKbps, epoch);
        RoutingChange change = reselect(neighbors);
        return new RoutingChange(change.parentChanged(), change.poisoned(), true, change.formerParent());
    }

    /**
     * As a gateway, starts epoch {@code max(current, seen) + 1} (global repair). Returns NONE
     * for a non-gateway.
     */
    public RoutingChange startNewEpoch(long seen) {
        if (!gateway) {
            return RoutingChange.NONE;
        }
        epoch = Math.min(0xFFFF_FFFFL, Math.max(epoch, seen) + 1);
        feasibleDistance = Rank.INFINITE;
        LOG.info("event=new_epoch node={} epoch={}", self, epoch);
        return new RoutingChange(false, false, true, Optional.empty());
    }

    /** Records that a hello with the current rank was sent: lowers the feasible distance. */
    public void advertised() {
        advertisedRank = rank;
        if (rank < Rank.INFINITE) {
            feasibleDistance = Math.min(feasibleDistance, rank);
        }
    }

    private RoutingChange apply(ParentSelection next) {
        boolean epochChanged = next.epoch() != epoch;
        boolean parentChanged = !next.parent().equals(parent);
        boolean poisoned = rank < Rank.INFINITE && next.rank() == Rank.INFINITE;
        boolean attached = rank == Rank.INFINITE && next.rank() < Rank.INFINITE;
        if (epochChanged) {
            feasibleDistance = Rank.INFINITE;
        }
        boolean significant = Math.abs(next.rank() - advertisedRank) >= Rank.SIGNIFICANT_CHANGE;
        if (parentChanged || poisoned || attached || epochChanged) {
            LOG.debug("event=route_change node={} epoch={} rank={} parent={} backups={}", self, next.epoch(),
                    next.rank(), next.parent().map(NodeId::value).orElse("none"), next.backups().size());
        }
        Optional<NodeId> former = parentChanged ? parent : Optional.empty();
        epoch = next.epoch();
        rank = next.rank();
        parent = next.parent();
        backups = next.backups();
        return new RoutingChange(parentChanged, poisoned, epochChanged || parentChanged || poisoned || attached || significant,
                former);
    }

    public boolean gateway() {
        return gateway;
    }

    public long uplinkKbps() {
        return uplinkKbps;
    }

    public long epoch() {
        return epoch;
    }

    public int rank() {
        return rank;
    }

    public int feasibleDistance() {
        return feasibleDistance;
    }

    public Optional<NodeId> parent() {
        return parent;
    }

    public List<NodeId> backups() {
        return backups;
    }

    /** True if the node has a route to a gateway (or is one). */
    public boolean attached() {
        return rank < Rank.INFINITE;
    }
}
