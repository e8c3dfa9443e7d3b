package io.smartshare.node.mesh.routing;

import io.smartshare.hal.dataplane.IpPrefix;
import io.smartshare.ledger.identity.NodeId;
import java.util.List;

/**
 * One downward route, as shown by {@code /mesh/routes}.
 *
 * @param target the node reached
 * @param via the child (a neighbour) packets for it go to
 * @param expiresInMillis time left before it expires without a refresh
 * @param prefixes what the target announced with its registration (its LAN)
 */
public record DownwardRoute(NodeId target, NodeId via, long expiresInMillis, List<IpPrefix> prefixes) {
    public DownwardRoute {
        prefixes = List.copyOf(prefixes);
    }
}
