package io.smartshare.node.uplink;

import io.smartshare.hal.dataplane.DataPlane;
import io.smartshare.hal.dataplane.DataPlaneException;
import io.smartshare.hal.dataplane.IpPrefix;
import io.smartshare.hal.dataplane.Tunnel;
import io.smartshare.hal.dataplane.TunnelPeer;
import io.smartshare.hal.dataplane.WireGuardKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings one tunnel interface, its routes and its NAT to a {@link TunnelPlan}, changing only
 * what differs from the last plan applied: peers added, changed or removed, routes added or
 * removed, masquerading turned on or off. Not thread-safe (the uplink service's task calls it).
 */
final class TunnelReconciler {
    private final DataPlane dataPlane;
    private final Tunnel tunnel;
    private final Map<WireGuardKey, TunnelPeer> peers = new HashMap<>();
    private final List<IpPrefix> routes = new ArrayList<>();
    private boolean masquerade;
    private List<IpPrefix> cut = List.of();
    private ShareCaps caps = ShareCaps.NONE;
    private List<List<IpPrefix>> capped = List.of();

    TunnelReconciler(DataPlane dataPlane, Tunnel tunnel) {
        this.dataPlane = dataPlane;
        this.tunnel = tunnel;
    }

    /**
     * Applies {@code plan}.
     *
     * @return the number of peers, routes and NAT switches changed
     * @throws DataPlaneException if a change fails (what was changed before it stays; the next call tries again)
     */
    int apply(TunnelPlan plan) throws DataPlaneException {
        int changes = 0;
        for (WireGuardKey gone : List.copyOf(peers.keySet())) {
            if (!plan.peers().containsKey(gone)) {
                tunnel.removePeer(gone);
                peers.remove(gone);
                changes++;
            }
        }
        for (TunnelPeer peer : plan.peers().values()) {
            if (!peer.equals(peers.get(peer.key()))) {
                tunnel.setPeer(peer);
                peers.put(peer.key(), peer);
                changes++;
            }
        }
        for (IpPrefix gone : List.copyOf(routes)) {
            if (!plan.routes().contains(gone)) {
                dataPlane.removeRoute(gone, tunnel.name());
                routes.remove(gone);
                changes++;
            }
        }
        for (IpPrefix route : plan.routes()) {
            if (!routes.contains(route)) {
                dataPlane.setRoute(route, tunnel.name());
                routes.add(route);
                changes++;
            }
        }
        if (plan.masquerade() != masquerade) {
            dataPlane.setMasquerade(tunnel.name(), plan.masquerade());
            masquerade = plan.masquerade();
            changes++;
        }
        return changes;
    }

    /**
     * Drops forwarded traffic from and to {@code sources} (cut neighbours' addresses), or
     * lifts the cut when it is empty; nothing if they did not change.
     *
     * @return whether the rules changed
     */
    boolean cut(List<IpPrefix> sources) throws DataPlaneException {
        if (sources.equals(cut)) {
            return false;
        }
        dataPlane.setCut(tunnel.name(), sources);
        cut = List.copyOf(sources);
        return true;
    }

    /**
     * Limits what is forwarded for the neighbours, whose addresses are {@code neighbours};
     * nothing if neither changed.
     *
     * @return whether the rules changed
     */
    boolean caps(ShareCaps next, List<List<IpPrefix>> neighbours) throws DataPlaneException {
        List<List<IpPrefix>> relevant = next.neighbourKbps() > 0 ? List.copyOf(neighbours) : List.of();
        if (next.equals(caps) && relevant.equals(capped)) {
            return false;
        }
        dataPlane.setCaps(tunnel.name(), next.totalKbps(), next.neighbourKbps(), relevant);
        caps = next;
        capped = relevant;
        return true;
    }

    /** The routes through the tunnel now. */
    List<IpPrefix> routes() {
        return List.copyOf(routes);
    }
}
