package io.smartshare.node.mesh.neighbor;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.mesh.link.LinkAddress;
import io.smartshare.node.mesh.link.Medium;
import java.util.List;
import java.util.Optional;

/**
 * One row of {@code /mesh/neighbors}. Immutable.
 *
 * @param id the neighbour
 * @param address where traffic to it goes: its preferred live link (the first link when dead)
 * @param alive false once declared dead, every link dead (until heard again)
 * @param etx the expected transmission count of that link
 * @param rank its last advertised rank (65535 = infinite)
 * @param epoch the epoch of that rank
 * @param gateway whether it advertised a working uplink
 * @param uplinkKbps its advertised uplink capacity
 * @param relayPrice its advertised relay price, micro-tokens per 1,000,000 bytes (0: none)
 * @param lastHeardMillisAgo time since any frame from it, over any link
 * @param links every link it was heard on, one per medium, in {@link Medium} order
 */
public record NeighborView(NodeId id, LinkAddress address, boolean alive, double etx, int rank, long epoch,
                           boolean gateway, long uplinkKbps, long relayPrice, long lastHeardMillisAgo, List<LinkView> links) {
    public NeighborView {
        links = List.copyOf(links);
    }

    /** The address of its live link on {@code medium}, if it has one. */
    public Optional<LinkAddress> liveLink(Medium medium) {
        return links.stream().filter(l -> l.alive() && l.address().medium() == medium).findFirst().map(LinkView::address);
    }
}
