package io.smartshare.node.mesh.neighbor;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.mesh.link.LinkAddress;
import io.smartshare.node.mesh.link.Medium;
import io.smartshare.node.mesh.wire.Hello;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What this node knows about one neighbour: its last hello and one {@link Link} per medium it
 * was heard on. Alive while any link is. Owned and mutated by {@link NeighborTable} only.
 */
final class Neighbor {
    final NodeId id;
    private final Map<Medium, Link> links = new EnumMap<>(Medium.class);
    Hello lastHello;
    long deadSinceMillis;
    /** False from its death until its next hello: a neighbour that died may have rebooted and lost its rank. */
    boolean helloFresh = true;
    /** When it entered the table. */
    final long admittedMillis;
    /** Whether its key offer came from its link. */
    boolean keyed;
    /** Whether it acknowledged a confirmable frame sent to it. */
    boolean acknowledged;
    /** Whether it is keyed and acknowledged: established, never evicted for a newcomer. */
    boolean established;

    Neighbor(Hello hello, long admittedMillis) {
        this.id = hello.sender();
        this.lastHello = hello;
        this.admittedMillis = admittedMillis;
    }

    boolean alive() {
        return links.values().stream().anyMatch(l -> l.alive);
    }

    /** The link on {@code address}'s medium, created if new, moved to {@code address}; keeps {@code byAddress} in step. */
    Link linkFor(LinkAddress address, Map<LinkAddress, Neighbor> byAddress) {
        Link link = links.computeIfAbsent(address.medium(), m -> new Link(address));
        if (!link.address.equals(address)) {
            byAddress.remove(link.address, this);
            link.address = address;
        }
        byAddress.put(address, this);
        return link;
    }

    /** The link at exactly {@code address}, if it is this neighbour's. */
    Optional<Link> linkAt(LinkAddress address) {
        return Optional.ofNullable(links.get(address.medium())).filter(l -> l.address.equals(address));
    }

    /** The first live link in {@link Medium} order: where traffic to this neighbour goes. */
    Optional<Link> preferred() {
        return links.values().stream().filter(l -> l.alive).findFirst();
    }

    /** Its link on {@code medium}, if that one is alive. */
    Optional<Link> live(Medium medium) {
        return Optional.ofNullable(links.get(medium)).filter(l -> l.alive);
    }

    /** The preferred link, else (dead neighbour) the first link. */
    Link shown() {
        return preferred().orElseGet(() -> links.values().iterator().next());
    }

    Collection<Link> links() {
        return links.values();
    }
}
