package io.smartshare.node.uplink;

import io.smartshare.hal.dataplane.IpPrefix;
import io.smartshare.hal.dataplane.TunnelPeer;
import io.smartshare.hal.dataplane.WireGuardKey;
import io.smartshare.ledger.identity.NodeId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the tunnel interface should look like for the mesh's routing right now
 * (docs/uplink.md): one WireGuard peer per live neighbour whose tunnel key its signed hello
 * named, reached at the neighbour's mesh IP on the shared listen port; each peer's allowed
 * IPs are its own mesh address, plus the addresses of the targets registered through it (a
 * child), plus the default routes for the preferred parent; and the kernel routes: the mesh
 * prefix through the interface, and the default routes too on a node that is not a gateway
 * and has a parent. Pure: computed from a snapshot of the mesh.
 *
 * @param peers by key
 * @param routes the prefixes routed through the tunnel interface
 */
public record TunnelPlan(Map<WireGuardKey, TunnelPeer> peers, List<IpPrefix> routes) {
    /** Both default routes: what a parent's peer accepts and what the kernel sends to the tunnel. */
    public static final List<IpPrefix> DEFAULTS = List.of(IpPrefix.parse("::/0"), IpPrefix.parse("0.0.0.0/0"));
    /** Keepalive of every peer: NAT and stateful firewalls between neighbours keep the path open. */
    public static final int KEEPALIVE_SECONDS = 25;

    public TunnelPlan {
        peers = Map.copyOf(peers);
        routes = List.copyOf(routes);
    }

    /**
     * A live neighbour as the plan needs it.
     *
     * @param id its node id
     * @param tunnelKey its X25519 public key, from its signed hello
     * @param host its mesh link's IP address
     */
    public record Neighbour(NodeId id, byte[] tunnelKey, InetAddress host) {
        public Neighbour {
            tunnelKey = tunnelKey.clone();
        }
    }

    /**
     * The plan for a node.
     *
     * @param neighbours its live neighbours with a known tunnel key and an IP link
     * @param parent its preferred parent, if any
     * @param gateway whether it is a gateway (its default route is its own uplink)
     * @param downward target to the child it is reached through
     * @param listenPort the WireGuard port every node of the mesh listens on
     */
    public static TunnelPlan of(List<Neighbour> neighbours, Optional<NodeId> parent, boolean gateway,
            Map<NodeId, NodeId> downward, int listenPort) {
        Map<NodeId, List<IpPrefix>> subtrees = new HashMap<>();
        downward.forEach((target, via) -> {
            if (!target.equals(via)) {
                subtrees.computeIfAbsent(via, v -> new ArrayList<>()).add(MeshAddresses.of(target));
            }
        });
        Map<WireGuardKey, TunnelPeer> peers = new LinkedHashMap<>();
        List<Neighbour> sorted = neighbours.stream().sorted(Comparator.comparing(n -> n.id().value())).toList();
        for (Neighbour n : sorted) {
            List<IpPrefix> allowed = new ArrayList<>();
            allowed.add(MeshAddresses.of(n.id()));
            subtrees.getOrDefault(n.id(), List.of()).stream().sorted(Comparator.comparing(IpPrefix::toString))
                    .forEach(allowed::add);
            if (!gateway && parent.equals(Optional.of(n.id()))) {
                allowed.addAll(DEFAULTS);
            }
            WireGuardKey key = WireGuardKey.of(n.tunnelKey());
            peers.put(key, new TunnelPeer(key, Optional.of(new InetSocketAddress(n.host(), listenPort)), allowed,
                    KEEPALIVE_SECONDS));
        }
        List<IpPrefix> routes = new ArrayList<>();
        routes.add(MeshAddresses.MESH_PREFIX);
        if (!gateway && parent.isPresent() && sorted.stream().anyMatch(n -> n.id().equals(parent.get()))) {
            routes.addAll(DEFAULTS);
        }
        return new TunnelPlan(peers, routes);
    }
}
