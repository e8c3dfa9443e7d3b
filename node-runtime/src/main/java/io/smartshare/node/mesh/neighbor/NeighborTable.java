package io.smartshare.node.mesh.neighbor;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.mesh.Delivery;
import io.smartshare.node.mesh.LinkAddress;
import io.smartshare.node.mesh.routing.Candidate;
import io.smartshare.node.mesh.wire.Heartbeat;
import io.smartshare.node.mesh.wire.Hello;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The neighbours this node has verified hellos from, their link quality (ETX) and liveness.
 * A neighbour is declared dead after more than {@code deadAfterMillis} without a frame from it, or
 * after {@code timeoutsForDeath} consecutive confirmable timeouts; hearing it again revives
 * it. One silent for more than {@code suspectAfterMillis} is a suspect, to be probed at most
 * every {@code probeIntervalMillis} until it is heard or dies. Dead neighbours are forgotten
 * after {@code purgeAfterMillis}. Not thread-safe.
 */
public final class NeighborTable {
    private final int capacity;
    private final long deadAfterMillis;
    private final long suspectAfterMillis;
    private final long probeIntervalMillis;
    private final int timeoutsForDeath;
    private final long purgeAfterMillis;
    private final Map<NodeId, Neighbor> byId = new HashMap<>();
    private final Map<LinkAddress, Neighbor> byAddress = new HashMap<>();

    public NeighborTable(int capacity, long deadAfterMillis, long suspectAfterMillis, long probeIntervalMillis,
                         int timeoutsForDeath, long purgeAfterMillis) {
        if (suspectAfterMillis >= deadAfterMillis) {
            throw new IllegalArgumentException("suspectAfterMillis: expected below deadAfterMillis " + deadAfterMillis
                    + ", found " + suspectAfterMillis);
        }
        this.capacity = capacity;
        this.deadAfterMillis = deadAfterMillis;
        this.suspectAfterMillis = suspectAfterMillis;
        this.probeIntervalMillis = probeIntervalMillis;
        this.timeoutsForDeath = timeoutsForDeath;
        this.purgeAfterMillis = purgeAfterMillis;
    }

    /**
     * Records an accepted hello. Returns false (and records nothing) if the table is full of
     * live neighbours.
     */
    public boolean helloAccepted(LinkAddress from, Hello hello, long nowMillis) {
        Neighbor n = byId.get(hello.sender());
        if (n == null) {
            if (byId.size() >= capacity && !evictOneDead()) {
                return false;
            }
            n = new Neighbor(from, hello, nowMillis);
            byId.put(n.id, n);
        } else {
            n.lastHello = hello;
            n.helloFresh = true;
        }
        if (!from.equals(n.address)) {
            byAddress.remove(n.address);
            n.address = from;
        }
        byAddress.put(from, n);
        heard(n, nowMillis);
        return true;
    }

    /** Records a heartbeat. Ignored unless it comes from the address of a known neighbour. */
    public Heard heartbeat(LinkAddress from, Heartbeat beat, long nowMillis) {
        Neighbor n = byAddress.get(from);
        if (n == null) {
            return Heard.UNKNOWN;
        }
        boolean revived = heard(n, nowMillis);
        boolean changed = n.etx.heartbeat(beat.sequence());
        return revived ? Heard.REVIVED : changed ? Heard.ESTIMATE_CHANGED : Heard.ALIVE;
    }

    /** Any other frame from a known address proves the neighbour alive. */
    public Heard heardFrom(LinkAddress from, long nowMillis) {
        Neighbor n = byAddress.get(from);
        if (n == null) {
            return Heard.UNKNOWN;
        }
        return heard(n, nowMillis) ? Heard.REVIVED : Heard.ALIVE;
    }

    /**
     * Records a confirmable outcome towards {@code id}.
     *
     * @return true if this declared the neighbour dead
     */
    public boolean delivery(NodeId id, Delivery outcome, long nowMillis) {
        Neighbor n = byId.get(id);
        if (n == null) {
            return false;
        }
        n.etx.delivery(outcome);
        if (outcome instanceof Delivery.Acknowledged) {
            n.consecutiveTimeouts = 0;
            heard(n, nowMillis);
            return false;
        }
        n.consecutiveTimeouts++;
        if (n.alive && n.consecutiveTimeouts >= timeoutsForDeath) {
            die(n, nowMillis);
            return true;
        }
        return false;
    }

    /**
     * Declares dead every neighbour silent for too long (returned) and forgets those dead for
     * longer than the purge time (passed to {@code purged}).
     */
    public List<NodeId> expire(long nowMillis, Consumer<NodeId> purged) {
        List<NodeId> died = new ArrayList<>();
        for (Iterator<Neighbor> it = byId.values().iterator(); it.hasNext(); ) {
            Neighbor n = it.next();
            if (n.alive && nowMillis - n.lastHeardMillis > deadAfterMillis) {
                die(n, nowMillis);
                died.add(n.id);
            } else if (!n.alive && nowMillis - n.deadSinceMillis >= purgeAfterMillis) {
                it.remove();
                byAddress.remove(n.address, n);
                purged.accept(n.id);
            }
        }
        return died;
    }

    /**
     * The live suspects due for a probe at {@code nowMillis}: silent for more than the
     * suspicion time and not probed within the probe interval. Each returned is taken as
     * probed now.
     */
    public List<LinkAddress> suspectsToProbe(long nowMillis) {
        List<LinkAddress> due = new ArrayList<>();
        for (Neighbor n : byId.values()) {
            if (n.alive && nowMillis - n.lastHeardMillis > suspectAfterMillis
                    && nowMillis - n.lastProbeMillis >= probeIntervalMillis) {
                n.lastProbeMillis = nowMillis;
                due.add(n.address);
            }
        }
        return due;
    }

    /**
     * The earliest time after {@code nowMillis} at which a live neighbour, if nothing more is
     * heard from it, becomes a suspect, is due for its next probe, or is to be declared dead;
     * empty without live neighbours. Hearing a neighbour only moves its times later.
     */
    public OptionalLong nextCheckMillis(long nowMillis) {
        long earliest = Long.MAX_VALUE;
        for (Neighbor n : byId.values()) {
            if (n.alive) {
                long suspectAt = n.lastHeardMillis + suspectAfterMillis + 1;
                long due = suspectAt > nowMillis ? suspectAt
                        : Math.min(n.lastHeardMillis + deadAfterMillis + 1, n.lastProbeMillis + probeIntervalMillis);
                earliest = Math.min(earliest, Math.max(due, nowMillis));
            }
        }
        return earliest == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(earliest);
    }

    /** The address of a live neighbour. */
    public Optional<LinkAddress> addressOf(NodeId id) {
        Neighbor n = byId.get(id);
        return n != null && n.alive ? Optional.of(n.address) : Optional.empty();
    }

    /** The id of the neighbour last heard at {@code address}, dead or alive. */
    public Optional<NodeId> idAt(LinkAddress address) {
        return Optional.ofNullable(byAddress.get(address)).map(n -> n.id);
    }

    /** True if {@code id} is a live neighbour. */
    public boolean isAlive(NodeId id) {
        Neighbor n = byId.get(id);
        return n != null && n.alive;
    }

    /** The live neighbours heard in a hello since their last death, as parent candidates. */
    public List<Candidate> candidates() {
        List<Candidate> out = new ArrayList<>(byId.size());
        for (Neighbor n : byId.values()) {
            if (n.alive && n.helloFresh) {
                out.add(new Candidate(n.id, n.lastHello.rank(), n.lastHello.epoch(), n.etx.metric()));
            }
        }
        return out;
    }

    /** The addresses of live neighbours. */
    public List<LinkAddress> liveAddresses() {
        return byId.values().stream().filter(n -> n.alive).map(n -> n.address).toList();
    }

    /** A snapshot of every neighbour, sorted by id. */
    public List<NeighborView> views(long nowMillis) {
        return byId.values().stream().sorted(Comparator.comparing(n -> n.id.value()))
                .map(n -> new NeighborView(n.id, n.address, n.alive, n.etx.etx(), n.lastHello.rank(),
                        n.lastHello.epoch(), n.lastHello.gateway(), n.lastHello.uplinkKbps(),
                        nowMillis - n.lastHeardMillis))
                .toList();
    }

    private boolean heard(Neighbor n, long nowMillis) {
        n.lastHeardMillis = nowMillis;
        if (n.alive) {
            return false;
        }
        n.alive = true;
        n.consecutiveTimeouts = 0;
        return true;
    }

    private void die(Neighbor n, long nowMillis) {
        n.alive = false;
        n.helloFresh = false;
        n.deadSinceMillis = nowMillis;
    }

    private boolean evictOneDead() {
        Optional<Neighbor> victim = byId.values().stream().filter(n -> !n.alive)
                .min(Comparator.comparingLong(n -> n.deadSinceMillis));
        victim.ifPresent(n -> {
            byId.remove(n.id);
            byAddress.remove(n.address, n);
        });
        return victim.isPresent();
    }
}
