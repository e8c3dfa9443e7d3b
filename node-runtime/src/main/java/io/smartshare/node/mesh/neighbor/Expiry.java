package io.smartshare.node.mesh.neighbor;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.mesh.link.LinkAddress;
import java.util.List;

/**
 * What one {@link NeighborTable#expire} declared dead.
 *
 * @param died neighbours whose every link is now dead
 * @param linksLost links that died while their neighbour stays alive over another
 */
public record Expiry(List<NodeId> died, List<LinkAddress> linksLost) {
    public Expiry {
        died = List.copyOf(died);
        linksLost = List.copyOf(linksLost);
    }
}
