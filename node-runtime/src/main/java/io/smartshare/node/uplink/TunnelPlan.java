package io.smartshare.node.uplink;

import io.smartshare.hal.dataplane.IpPrefix;
import io.smartshare.hal.dataplane.TunnelPeer;
import io.smartshare.hal.dataplane.WireGuardKey;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.mesh.routing.DownwardRoute;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the tunnel interface should look like for the mesh's routing right now
 * (docs/uplink.md): one WireGuard peer per live neighbour whose tunnel key its signed hello
 * named, reached at the neighbour's mesh IP on the shared listen port; each peer's allowed
 * IPs are its own mesh addresses, plus the addresses and accepted LAN prefixes of the
 * targets registered through it (a child's subtree, {@link PrefixClaims}), plus the default
 * routes for the preferred parent; the kernel routes: the mesh's prefixes and the accepted
 * LAN prefixes of the subtree through the interface, and the default routes too on a node
 * that is not a gateway and has a parent; and a gateway masquerades what comes out of the
 * tunnel. Pure: computed from a snapshot of the mesh.
 *
 * @param peers by key
 * @param routes the prefixes routed through the tunnel interface
 * @param masquerade whether traffic from the tunnel is masqueraded to the other interfaces (a gateway)
 * @param refused addresses and prefixes claimed and not routed, with the reasons
 */
public record TunnelPlan(Map<WireGuardKey, TunnelPeer> peers, List<IpPrefix> routes, boolean masquerade,
        List<PrefixClaims.Refusal> refused) {
    /** Both default routes: what a parent's peer accepts and what the kernel sends to the tunnel. */
    public static final List<IpPrefix> DEFAULTS = List.of(IpPrefix.parse("::/0"), IpPrefix.parse("0.0.0.0/0"));
    /** Keepalive of every peer: NAT and stateful firewalls between neighbours keep the path open. */
    public static final int KEEPALIVE_SECONDS = 25;
    /** Before the first sync. */
    static final TunnelPlan EMPTY = new TunnelPlan(Map.of(), List.of(), false, List.of());

    public TunnelPlan {
        peers = Map.copyOf(peers);
        routes = List.copyOf(routes);
        refused = List.copyOf(refused);
    }

    /**
     * This node as the plan needs it.
     *
     * @param id its node id
     * @param ipv4Pool the mesh's IPv4 pool (the same on every node of a mesh)
     * @param lan its own LAN prefixes, from its config
     * @param listenPort the WireGuard port every node of the mesh listens on
     */
    public record Local(NodeId id, IpPrefix ipv4Pool, List<IpPrefix> lan, int listenPort) {
        public Local {
            MeshAddresses.checkPool(ipv4Pool);
            lan = List.copyOf(lan);
        }
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
     * @param local the node
     * @param neighbours its live neighbours with a known tunnel key and an IP link
     * @param parent its preferred parent, if any
     * @param gateway whether it is a gateway (its default route is its own uplink)
     * @param downward its downward routes, with what their targets announced
     */
    public static TunnelPlan of(Local local, List<Neighbour> neighbours, Optional<NodeId> parent, boolean gateway,
            List<DownwardRoute> downward) {
        Map<NodeId, List<NodeId>> subtrees = new HashMap<>();
        Map<NodeId, List<IpPrefix>> announced = new HashMap<>();
        Set<NodeId> known = new HashSet<>();
        for (DownwardRoute r : downward) {
            if (!r.target().equals(r.via())) {
                subtrees.computeIfAbsent(r.via(), v -> new ArrayList<>()).add(r.target());
            }
            announced.put(r.target(), r.prefixes());
            known.add(r.target());
        }
        neighbours.forEach(n -> known.add(n.id()));
        PrefixClaims claims = PrefixClaims.of(local.id(), local.lan(), local.ipv4Pool(), known, announced);

        Map<WireGuardKey, TunnelPeer> peers = new LinkedHashMap<>();
        List<Neighbour> sorted = neighbours.stream().sorted(Comparator.comparing(n -> n.id().value())).toList();
        for (Neighbour n : sorted) {
            List<IpPrefix> allowed = new ArrayList<>();
            allowed.add(MeshAddresses.of(n.id()));
            allowed.addAll(claims.of(n.id()));
            subtrees.getOrDefault(n.id(), List.of()).stream().sorted(Comparator.comparing(NodeId::value))
                    .forEach(t -> {
                        allowed.add(MeshAddresses.of(t));
                        allowed.addAll(claims.of(t));
                    });
            if (!gateway && parent.equals(Optional.of(n.id()))) {
                allowed.addAll(DEFAULTS);
            }
            WireGuardKey key = WireGuardKey.of(n.tunnelKey());
            peers.put(key, new TunnelPeer(key, Optional.of(new InetSocketAddress(n.host(), local.listenPort())),
                    allowed, KEEPALIVE_SECONDS));
        }
        List<IpPrefix> routes = new ArrayList<>(List.of(MeshAddresses.MESH_PREFIX, local.ipv4Pool()));
        downward.stream().map(DownwardRoute::target).sorted(Comparator.comparing(NodeId::value))
                .flatMap(t -> claims.of(t).stream()).filter(p -> !local.ipv4Pool().contains(p)).forEach(routes::add);
        if (!gateway && parent.isPresent() && sorted.stream().anyMatch(n -> n.id().equals(parent.get()))) {
            routes.addAll(DEFAULTS);
        }
        return new TunnelPlan(peers, routes, gateway, claims.refused());
    }
}
