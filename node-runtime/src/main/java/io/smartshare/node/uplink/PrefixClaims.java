package io.smartshare.node.uplink;

import io.smartshare.hal.dataplane.IpPrefix;
import io.smartshare.ledger.identity.NodeId;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who may use which IPv4 address and which announced prefix, as one node sees the mesh
 * (docs/uplink.md, "Addresses"). Every node it knows (itself, its neighbours, the targets
 * registered through it) has the IPv4 address {@link MeshAddresses#ipv4} derives; two nodes
 * with the same one are a duplicate, and the lower node id keeps it. A target's announced
 * prefixes (its LAN) are accepted only if private (RFC 1918, or unique local IPv6), no wider
 * than a /16 (IPv4) or a /48 (IPv6), clear of the mesh's own prefixes and of this node's LAN,
 * and clear of every prefix accepted before them, targets taken in order of node id: so a
 * neighbour can neither take the default route nor a public destination, nor a LAN already
 * routed. What is refused is kept with the reason, for {@code /uplink}. Pure.
 */
final class PrefixClaims {
    /** The private ranges an announced prefix must lie in. */
    private static final List<IpPrefix> PRIVATE = List.of(IpPrefix.parse("10.0.0.0/8"), IpPrefix.parse("172.16.0.0/12"),
            IpPrefix.parse("192.168.0.0/16"), IpPrefix.parse("fc00::/7"));
    private static final int WIDEST_IPV4 = 16;
    private static final int WIDEST_IPV6 = 48;

    /**
     * A claim this node does not route.
     *
     * @param owner who claimed it
     * @param prefix what was claimed
     * @param reason why it is refused
     */
    record Refusal(NodeId owner, IpPrefix prefix, String reason) {
        @Override
        public String toString() {
            return owner.value() + " " + prefix + ": " + reason;
        }
    }

    private final Map<NodeId, List<IpPrefix>> accepted;
    private final List<Refusal> refused;

    private PrefixClaims(Map<NodeId, List<IpPrefix>> accepted, List<Refusal> refused) {
        this.accepted = accepted;
        this.refused = List.copyOf(refused);
    }

    /**
     * Sorts out the claims.
     *
     * @param self this node
     * @param ownLan this node's LAN prefixes (its own config: always kept)
     * @param pool the mesh's IPv4 pool
     * @param nodes every other node this node knows
     * @param announced the prefixes each target announced with its registration
     */
    static PrefixClaims of(NodeId self, List<IpPrefix> ownLan, IpPrefix pool, Collection<NodeId> nodes,
            Map<NodeId, List<IpPrefix>> announced) {
        Map<NodeId, List<IpPrefix>> accepted = new TreeMap<>(Comparator.comparing(NodeId::value));
        List<Refusal> refused = new ArrayList<>();
        accepted.put(self, new ArrayList<>());
        nodes.forEach(n -> accepted.putIfAbsent(n, new ArrayList<>()));
        Map<IpPrefix, NodeId> addresses = new HashMap<>();
        for (Map.Entry<NodeId, List<IpPrefix>> owner : accepted.entrySet()) {
            IpPrefix address = MeshAddresses.ipv4(owner.getKey(), pool);
            NodeId holder = addresses.putIfAbsent(address, owner.getKey());
            if (holder == null) {
                owner.getValue().add(address);
            } else {
                refused.add(new Refusal(owner.getKey(), address, "duplicate IPv4 address: " + holder.value()
                        + " has it too and keeps it (the lower node id)"));
            }
        }
        List<IpPrefix> taken = new ArrayList<>(List.of(MeshAddresses.MESH_PREFIX, pool));
        taken.addAll(ownLan);
        for (Map.Entry<NodeId, List<IpPrefix>> owner : accepted.entrySet()) {
            if (owner.getKey().equals(self)) {
                continue;
            }
            for (IpPrefix prefix : announced.getOrDefault(owner.getKey(), List.of())) {
                String problem = problem(prefix, taken);
                if (problem == null) {
                    owner.getValue().add(prefix);
                    taken.add(prefix);
                } else {
                    refused.add(new Refusal(owner.getKey(), prefix, problem));
                }
            }
        }
        return new PrefixClaims(accepted, refused);
    }

    private static String problem(IpPrefix prefix, List<IpPrefix> taken) {
        if (PRIVATE.stream().noneMatch(p -> p.contains(prefix))) {
            return "not a private prefix (RFC 1918 or unique local IPv6)";
        }
        int widest = prefix.address() instanceof Inet4Address ? WIDEST_IPV4 : WIDEST_IPV6;
        if (prefix.length() < widest) {
            return "wider than /" + widest;
        }
        return taken.stream().filter(prefix::overlaps).findFirst()
                .map(t -> "overlaps " + t + ", routed already").orElse(null);
    }

    /** What {@code node} may use: its IPv4 address unless it is a duplicate, and its accepted prefixes. */
    List<IpPrefix> of(NodeId node) {
        return List.copyOf(accepted.getOrDefault(node, List.of()));
    }

    /** The claims refused, with the reasons. */
    List<Refusal> refused() {
        return refused;
    }
}
