package io.smartshare.node.mesh.neighbor;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.mesh.link.Delivery;
import io.smartshare.node.mesh.link.LinkAddress;
import io.smartshare.node.mesh.link.Medium;
import io.smartshare.node.mesh.routing.Candidate;
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
 * The neighbours this node has verified hellos from, each with one link per medium it was
 * heard on (IP, BLE), and per link its quality (ETX) and liveness. A link is declared dead
 * after more than {@code deadAfterMillis} without a frame over it, or after {@code
 * timeoutsForDeath} consecutive confirmable timeouts over it; a neighbour is dead when all its
 * links are, and hearing it again over any link revives it. A link silent for more than {@code
 * suspectAfterMillis} is a suspect, to be probed at most every {@code probeIntervalMillis}
 * until it is heard or dies. Dead neighbours are forgotten after {@code purgeAfterMillis}.
 *
 * <p>Room for newcomers (docs/mesh-protocol.md, "Neighbour table"): a neighbour becomes
 * <em>established</em> when its key offer arrives from its link (proof that it holds the
 * tunnel key its signed hello names and sends from the address it claims) and it acknowledged
 * a confirmable frame sent there (proof that it receives there), as long as established neighbours fill fewer than {@code
 * capacity - reservedForNewcomers} entries. When the table is full, a newcomer whose hello is
 * accepted takes the place of the longest-dead neighbour, else of the neighbour not established
 * that entered first; established neighbours are never evicted for a newcomer. So identities
 * that never prove their link (Sybils kept alive by spoofed heartbeats) cannot crowd a real
 * newcomer out, nor push an established neighbour out.
 * Not thread-safe.
 */
public final class NeighborTable {
    private final int capacity;
    private final long deadAfterMillis;
    private final long suspectAfterMillis;
    private final long probeIntervalMillis;
    private final int timeoutsForDeath;
    private final long purgeAfterMillis;
    private final int establishedCapacity;
    private long newcomerEvictions;
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
        this.establishedCapacity = capacity - reservedForNewcomers(capacity);
    }

    /** Entries that established neighbours never take: an eighth of the table (none below 8 entries). */
    public static int reservedForNewcomers(int capacity) {
        return capacity / 8;
    }

    /**
     * Records an accepted hello heard at {@code from}. A newcomer to a full table takes the
     * place of a dead neighbour or of one not established (see above); returns false (and
     * records nothing) if every entry is a live established neighbour.
     */
    public boolean helloAccepted(LinkAddress from, Hello hello, long nowMillis) {
        Neighbor n = byId.get(hello.sender());
        if (n == null) {
            if (byId.size() >= capacity && !evictOneDead() && !evictFirstNotEstablished()) {
                return false;
            }
            n = new Neighbor(hello, nowMillis);
            byId.put(n.id, n);
        } else {
            n.lastHello = hello;
            n.helloFresh = true;
        }
        heard(n, n.linkFor(from, byAddress), nowMillis);
        return true;
    }

    /** Whether {@code id} is in the table (alive or not yet purged). */
    public boolean knows(NodeId id) {
        return byId.containsKey(id);
    }

    /** Whether the table holds no neighbour at all, alive or not yet purged. */
    public boolean isEmpty() {
        return byId.isEmpty();
    }

    /**
     * Records a sighting: the hello last accepted from a known neighbour heard again at {@code
     * from}, over another medium. Adds or moves its link on that medium; unlike a new hello, it
     * does not make a neighbour that died since a parent candidate again.
     *
     * @return what hearing it meant ({@link Heard#UNKNOWN} for a neighbour not in the table)
     */
    public Heard sighted(LinkAddress from, Hello hello, long nowMillis) {
        Neighbor n = byId.get(hello.sender());
        if (n == null) {
            return Heard.UNKNOWN;
        }
        return heard(n, n.linkFor(from, byAddress), nowMillis) ? Heard.REVIVED : Heard.ALIVE;
    }

    /**
     * Records a verified heartbeat with beacon counter {@code counter}. Ignored unless it
     * comes from the address of a known neighbour's link.
     */
    public Heard heartbeat(LinkAddress from, long counter, long nowMillis) {
        Neighbor n = byAddress.get(from);
        Optional<Link> link = n == null ? Optional.empty() : n.linkAt(from);
        if (link.isEmpty()) {
            return Heard.UNKNOWN;
        }
        boolean revived = heard(n, link.get(), nowMillis);
        boolean changed = link.get().etx.heartbeat((int) (counter & 0xff));
        return revived ? Heard.REVIVED : changed ? Heard.ESTIMATE_CHANGED : Heard.ALIVE;
    }

    /** Any other authenticated frame from a known address proves that link, and the neighbour, alive. */
    public Heard heardFrom(LinkAddress from, long nowMillis) {
        Neighbor n = byAddress.get(from);
        Optional<Link> link = n == null ? Optional.empty() : n.linkAt(from);
        if (link.isEmpty()) {
            return Heard.UNKNOWN;
        }
        return heard(n, link.get(), nowMillis) ? Heard.REVIVED : Heard.ALIVE;
    }

    /**
     * Records the outcome of a confirmable send to {@code over}: feeds that link's ETX, and
     * {@code timeoutsForDeath} consecutive timeouts declare the link dead. An acknowledgement
     * proves the link alive: it echoes the frame's random 8-byte token, which only a receiver
     * at that address knows (a sender that spoofs the address never sees it). Whoever took
     * over a dead neighbour's address and receives there could send one; it could send nothing
     * in the neighbour's name (docs/mesh-protocol.md, "Link authentication").
     *
     * @return true if this declared the neighbour dead (no live link left)
     */
    public boolean delivery(LinkAddress over, Delivery outcome, long nowMillis) {
        Neighbor n = byAddress.get(over);
        Optional<Link> found = n == null ? Optional.empty() : n.linkAt(over);
        if (found.isEmpty()) {
            return false;
        }
        Link link = found.get();
        link.etx.delivery(outcome);
        if (outcome instanceof Delivery.Acknowledged) {
            link.consecutiveTimeouts = 0;
            n.acknowledged = true;
            heard(n, link, nowMillis);
            tryToEstablish(n);
            return false;
        }
        link.consecutiveTimeouts++;
        if (!link.alive || link.consecutiveTimeouts < timeoutsForDeath) {
            return false;
        }
        link.alive = false;
        return dieIfNoLinkLeft(n, nowMillis);
    }

    /**
     * Declares dead every link silent for too long, and every neighbour left without a live
     * link; forgets neighbours dead for longer than the purge time (passed to {@code purged}).
     */
    public Expiry expire(long nowMillis, Consumer<NodeId> purged) {
        List<NodeId> died = new ArrayList<>();
        List<LinkAddress> lost = new ArrayList<>();
        for (Iterator<Neighbor> it = byId.values().iterator(); it.hasNext(); ) {
            Neighbor n = it.next();
            if (n.alive()) {
                List<LinkAddress> silent = new ArrayList<>();
                for (Link link : n.links()) {
                    if (link.alive && nowMillis - link.lastHeardMillis > deadAfterMillis) {
                        link.alive = false;
                        silent.add(link.address);
                    }
                }
                if (dieIfNoLinkLeft(n, nowMillis)) {
                    died.add(n.id);
                } else {
                    lost.addAll(silent);
                }
            } else if (nowMillis - n.deadSinceMillis >= purgeAfterMillis) {
                it.remove();
                n.links().forEach(l -> byAddress.remove(l.address, n));
                purged.accept(n.id);
            }
        }
        return new Expiry(died, lost);
    }

    /**
     * The live links due for a probe at {@code nowMillis}: silent for more than the suspicion
     * time and not probed within the probe interval. Each returned is taken as probed now.
     */
    public List<LinkAddress> suspectsToProbe(long nowMillis) {
        List<LinkAddress> due = new ArrayList<>();
        for (Neighbor n : byId.values()) {
            for (Link link : n.links()) {
                if (link.alive && nowMillis - link.lastHeardMillis > suspectAfterMillis
                        && nowMillis - link.lastProbeMillis >= probeIntervalMillis) {
                    link.lastProbeMillis = nowMillis;
                    due.add(link.address);
                }
            }
        }
        return due;
    }

    /**
     * The earliest time after {@code nowMillis} at which a live link, if nothing more is heard
     * on it, becomes a suspect, is due for its next probe, or is to be declared dead; empty
     * without live links. Hearing a neighbour only moves its times later.
     */
    public OptionalLong nextCheckMillis(long nowMillis) {
        long earliest = Long.MAX_VALUE;
        for (Neighbor n : byId.values()) {
            for (Link link : n.links()) {
                if (link.alive) {
                    long suspectAt = link.lastHeardMillis + suspectAfterMillis + 1;
                    long due = suspectAt > nowMillis ? suspectAt
                            : Math.min(link.lastHeardMillis + deadAfterMillis + 1, link.lastProbeMillis + probeIntervalMillis);
                    earliest = Math.min(earliest, Math.max(due, nowMillis));
                }
            }
        }
        return earliest == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(earliest);
    }

    /** Where traffic to a live neighbour goes: its first live link in {@link Medium} order (IP before BLE). */
    public Optional<LinkAddress> addressOf(NodeId id) {
        return Optional.ofNullable(byId.get(id)).flatMap(Neighbor::preferred).map(l -> l.address);
    }

    /** The address of a live neighbour's live link on {@code medium}. */
    public Optional<LinkAddress> addressOf(NodeId id, Medium medium) {
        return Optional.ofNullable(byId.get(id)).flatMap(n -> n.live(medium)).map(l -> l.address);
    }

    /** The id of the neighbour last heard at {@code address}, dead or alive. */
    public Optional<NodeId> idAt(LinkAddress address) {
        return Optional.ofNullable(byAddress.get(address)).map(n -> n.id);
    }

    /** True if {@code id} is a live neighbour (over any link). */
    public boolean isAlive(NodeId id) {
        Neighbor n = byId.get(id);
        return n != null && n.alive();
    }

    /** The live neighbours heard in a hello since their last death, as parent candidates, with the metric of their preferred link. */
    public List<Candidate> candidates() {
        List<Candidate> out = new ArrayList<>(byId.size());
        for (Neighbor n : byId.values()) {
            if (n.helloFresh) {
                n.preferred().ifPresent(link -> out.add(
                        new Candidate(n.id, n.lastHello.rank(), n.lastHello.epoch(), link.etx.metric())));
            }
        }
        return out;
    }

    /** The addresses of every live link. */
    public List<LinkAddress> liveAddresses() {
        return byId.values().stream().flatMap(n -> n.links().stream()).filter(l -> l.alive).map(l -> l.address).toList();
    }

    /** A snapshot of every neighbour, sorted by id. */
    public List<NeighborView> views(long nowMillis) {
        return byId.values().stream().sorted(Comparator.comparing(n -> n.id.value()))
                .map(n -> view(n, nowMillis))
                .toList();
    }

    private static NeighborView view(Neighbor n, long nowMillis) {
        Link shown = n.shown();
        List<LinkView> links = n.links().stream()
                .map(l -> new LinkView(l.address, l.alive, l.etx.etx(), nowMillis - l.lastHeardMillis)).toList();
        long lastHeard = n.links().stream().mapToLong(l -> l.lastHeardMillis).max().orElseThrow();
        return new NeighborView(n.id, shown.address, n.alive(), shown.etx.etx(), n.lastHello.rank(),
                n.lastHello.epoch(), n.lastHello.gateway(), n.lastHello.uplinkKbps(), n.lastHello.relayPrice(), nowMillis - lastHeard, links);
    }

    /** Marks {@code link} heard; returns true if that revived the neighbour (it had no live link). */
    private static boolean heard(Neighbor n, Link link, long nowMillis) {
        boolean wasAlive = n.alive();
        link.lastHeardMillis = nowMillis;
        if (!link.alive) {
            link.alive = true;
            link.consecutiveTimeouts = 0;
        }
        return !wasAlive;
    }

    private static boolean dieIfNoLinkLeft(Neighbor n, long nowMillis) {
        if (n.alive()) {
            return false;
        }
        n.helloFresh = false;
        n.deadSinceMillis = nowMillis;
        return true;
    }

    /** Neighbours that proved their link, for {@code /mesh/neighbors}. */
    public int established() {
        return (int) byId.values().stream().filter(n -> n.established).count();
    }

    /** Neighbours not established that left the full table for a newcomer. */
    public long newcomerEvictions() {
        return newcomerEvictions;
    }

    /**
     * Records that {@code id}'s key offer, which only the holder of the tunnel key its signed
     * hello names can make, came from its address.
     */
    public void keyed(NodeId id) {
        Neighbor n = byId.get(id);
        if (n != null) {
            n.keyed = true;
            tryToEstablish(n);
        }
    }

    /**
     * A neighbour that sends from its address with its key ({@link #keyed}) and receives there
     * (it acknowledged a confirmable frame: the acknowledgement echoes a random token only a
     * receiver knows) becomes established, while established neighbours fill fewer than the
     * entries not reserved for newcomers.
     */
    private void tryToEstablish(Neighbor n) {
        if (n.keyed && n.acknowledged && !n.established && established() < establishedCapacity) {
            n.established = true;
        }
    }

    /** Whether {@code id} proved its link. */
    public boolean isEstablished(NodeId id) {
        Neighbor n = byId.get(id);
        return n != null && n.established;
    }

    private boolean evictFirstNotEstablished() {
        Optional<Neighbor> victim = byId.values().stream().filter(n -> !n.established)
                .min(Comparator.comparingLong(n -> n.admittedMillis));
        victim.ifPresent(n -> {
            byId.remove(n.id);
            n.links().forEach(l -> byAddress.remove(l.address, n));
            newcomerEvictions++;
        });
        return victim.isPresent();
    }

    private boolean evictOneDead() {
        Optional<Neighbor> victim = byId.values().stream().filter(n -> !n.alive())
                .min(Comparator.comparingLong(n -> n.deadSinceMillis));
        victim.ifPresent(n -> {
            byId.remove(n.id);
            n.links().forEach(l -> byAddress.remove(l.address, n));
        });
        return victim.isPresent();
    }
}
