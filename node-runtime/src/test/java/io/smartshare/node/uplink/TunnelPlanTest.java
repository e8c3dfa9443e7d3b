package io.smartshare.node.uplink;

import static io.smartshare.node.testing.SeededIdentities.identity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.hal.dataplane.IpPrefix;
import io.smartshare.hal.dataplane.TunnelPeer;
import io.smartshare.hal.dataplane.WireGuardKey;
import io.smartshare.hal.driver.sim.SimDataPlane;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.mesh.routing.DownwardRoute;
import io.smartshare.node.testing.SeededIdentities;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TunnelPlanTest {
    private static final NodeId SELF = identity(1).nodeId();
    private static final NodeId PARENT = identity(2).nodeId();
    private static final NodeId CHILD = identity(3).nodeId();
    private static final NodeId GRANDCHILD = identity(4).nodeId();
    private static final NodeId SIBLING = identity(5).nodeId();
    private static final IpPrefix POOL = MeshAddresses.DEFAULT_IPV4_POOL;
    private static final TunnelPlan.Local LOCAL = new TunnelPlan.Local(SELF, POOL, List.of(), 51820);

    private static TunnelPlan.Neighbour neighbour(int seed, String host) throws Exception {
        return new TunnelPlan.Neighbour(identity(seed).nodeId(), SeededIdentities.tunnelPublic(identity(seed)),
                InetAddress.getByName(host));
    }

    private static TunnelPeer peerOf(TunnelPlan plan, int seed) {
        return plan.peers().get(WireGuardKey.of(SeededIdentities.tunnelPublic(identity(seed))));
    }

    private static DownwardRoute route(NodeId target, NodeId via, String... prefixes) {
        return new DownwardRoute(target, via, 60_000, List.of(prefixes).stream().map(IpPrefix::parse).toList());
    }

    private static IpPrefix v4(NodeId node) {
        return MeshAddresses.ipv4(node, POOL);
    }

    @Test
    void meshAddressesAreDerivedFromTheNodeIdAsTheSpecSays() {
        NodeId vector = new NodeId("ssqh3chv2c33fxmfexkut2tumww4");
        assertEquals("fd73:7368:6172:0:74d6:9915:9414:6911/128", MeshAddresses.of(vector).toString());
        assertEquals("100.81.39.242/32", MeshAddresses.ipv4(vector, POOL).toString());
        assertEquals("10.9.0.2/32", MeshAddresses.ipv4(vector, IpPrefix.parse("10.9.0.0/30")).toString(),
                "never the pool's first or last address");
        assertNotEquals(MeshAddresses.of(PARENT), MeshAddresses.of(CHILD));
        assertThrows(IllegalArgumentException.class, () -> MeshAddresses.checkPool(IpPrefix.parse("10.9.0.0/31")));
        assertThrows(IllegalArgumentException.class, () -> MeshAddresses.checkPool(IpPrefix.parse("fd00::/64")));
    }

    @Test
    void theParentCarriesTheDefaultRoutesAndAChildItsSubtreeWithItsLan() throws Exception {
        List<TunnelPlan.Neighbour> live = List.of(neighbour(2, "10.0.0.2"), neighbour(3, "10.0.0.3"),
                neighbour(5, "10.0.0.5"));
        TunnelPlan plan = TunnelPlan.of(LOCAL, live, Optional.of(PARENT), false,
                List.of(route(CHILD, CHILD), route(GRANDCHILD, CHILD, "192.168.44.0/24")));
        assertEquals(3, plan.peers().size());
        assertEquals(List.of(MeshAddresses.of(PARENT), v4(PARENT), IpPrefix.parse("::/0"), IpPrefix.parse("0.0.0.0/0")),
                peerOf(plan, 2).allowedIps());
        assertEquals(List.of(MeshAddresses.of(CHILD), v4(CHILD), MeshAddresses.of(GRANDCHILD), v4(GRANDCHILD),
                IpPrefix.parse("192.168.44.0/24")), peerOf(plan, 3).allowedIps());
        assertEquals(List.of(MeshAddresses.of(SIBLING), v4(SIBLING)), peerOf(plan, 5).allowedIps());
        assertEquals("10.0.0.3", peerOf(plan, 3).endpoint().orElseThrow().getAddress().getHostAddress());
        assertEquals(51820, peerOf(plan, 3).endpoint().orElseThrow().getPort());
        assertEquals(List.of(MeshAddresses.MESH_PREFIX, POOL, IpPrefix.parse("192.168.44.0/24"), IpPrefix.parse("::/0"),
                IpPrefix.parse("0.0.0.0/0")), plan.routes());
        assertFalse(plan.masquerade());
        assertEquals(List.of(), plan.refused());
    }

    @Test
    void aGatewayRoutesTheMeshAndItsLansThroughTheTunnelAndMasqueradesTheRest() throws Exception {
        TunnelPlan plan = TunnelPlan.of(LOCAL, List.of(neighbour(3, "10.0.0.3")), Optional.empty(), true,
                List.of(route(CHILD, CHILD, "10.99.5.0/24")));
        assertEquals(List.of(MeshAddresses.MESH_PREFIX, POOL, IpPrefix.parse("10.99.5.0/24")), plan.routes());
        assertEquals(List.of(MeshAddresses.of(CHILD), v4(CHILD), IpPrefix.parse("10.99.5.0/24")),
                peerOf(plan, 3).allowedIps());
        assertTrue(plan.masquerade());
    }

    @Test
    void announcementsThatWouldTakeTheDefaultRouteAPublicDestinationOrAnotherLanAreRefused() throws Exception {
        TunnelPlan.Local local = new TunnelPlan.Local(SELF, POOL, List.of(IpPrefix.parse("192.168.1.0/24")), 51820);
        NodeId first = CHILD.value().compareTo(GRANDCHILD.value()) < 0 ? CHILD : GRANDCHILD;
        NodeId second = first.equals(CHILD) ? GRANDCHILD : CHILD;
        TunnelPlan plan = TunnelPlan.of(local, List.of(neighbour(3, "10.0.0.3"), neighbour(4, "10.0.0.4")),
                Optional.empty(), true, List.of(
                        route(first, first, "0.0.0.0/0", "8.8.8.0/24", "10.0.0.0/8", "10.7.0.0/16"),
                        route(second, second, "10.7.3.0/24", "192.168.1.128/25", "100.64.0.0/16", "fd12:3456::/48")));
        assertEquals(List.of(IpPrefix.parse("10.7.0.0/16")), plan.routes().subList(2, 3));
        assertEquals(IpPrefix.parse("fd12:3456:0:0:0:0:0:0/48"), plan.routes().get(3));
        assertEquals(4, plan.routes().size());
        List<String> reasons = plan.refused().stream().map(PrefixClaims.Refusal::reason).toList();
        assertEquals(List.of("not a private prefix (RFC 1918 or unique local IPv6)",
                "not a private prefix (RFC 1918 or unique local IPv6)", "wider than /16",
                "overlaps 10.7.0.0/16, routed already", "overlaps 192.168.1.0/24, routed already",
                "not a private prefix (RFC 1918 or unique local IPv6)"), reasons);
    }

    @Test
    void aDuplicateIpv4AddressStaysWithTheLowerNodeIdAndIsReported() throws Exception {
        IpPrefix tiny = IpPrefix.parse("10.9.0.0/30"); // two addresses: SELF has one, the others share the other
        IpPrefix own = MeshAddresses.ipv4(SELF, tiny);
        List<Integer> others = IntStream.range(2, 40)
                .filter(seed -> !MeshAddresses.ipv4(identity(seed).nodeId(), tiny).equals(own)).limit(2).boxed().toList();
        NodeId a = identity(others.get(0)).nodeId();
        NodeId b = identity(others.get(1)).nodeId();
        NodeId low = a.value().compareTo(b.value()) < 0 ? a : b;
        NodeId high = low.equals(a) ? b : a;
        TunnelPlan plan = TunnelPlan.of(new TunnelPlan.Local(SELF, tiny, List.of(), 51820),
                List.of(neighbour(others.get(0), "10.0.0.2")), Optional.empty(), true, List.of(route(b, a)));
        List<IpPrefix> allowed = peerOf(plan, others.get(0)).allowedIps();
        assertEquals(1, allowed.stream().filter(MeshAddresses.ipv4(a, tiny)::equals).count(), "routed once: " + allowed);
        assertEquals(1, plan.refused().size());
        assertEquals(high, plan.refused().get(0).owner());
        assertTrue(plan.refused().get(0).reason().contains(low.value() + " has it too"), plan.refused().toString());
    }

    @Test
    void theReconcilerChangesOnlyWhatDiffersAndFollowsAParentSwitchAndTheGatewayRole() throws Exception {
        SimDataPlane dataPlane = new SimDataPlane();
        var tunnel = dataPlane.openTunnel("sswtest", new byte[32], 51820, List.of(MeshAddresses.of(SELF)));
        TunnelReconciler reconciler = new TunnelReconciler(dataPlane, tunnel);
        List<TunnelPlan.Neighbour> live = List.of(neighbour(2, "10.0.0.2"), neighbour(5, "10.0.0.5"));
        TunnelPlan first = TunnelPlan.of(LOCAL, live, Optional.of(PARENT), false, List.of());
        assertEquals(2 + 4, reconciler.apply(first));
        assertEquals(0, reconciler.apply(first), "nothing changed");
        assertEquals(Map.of("fd73:7368:6172:0:0:0:0:0/48", "sswtest", "100.64.0.0/10", "sswtest",
                "0:0:0:0:0:0:0:0/0", "sswtest", "0.0.0.0/0", "sswtest"), dataPlane.routes());

        TunnelPlan switched = TunnelPlan.of(LOCAL, live, Optional.of(SIBLING), false, List.of());
        assertEquals(2, reconciler.apply(switched), "both peers' allowed IPs moved");
        assertTrue(dataPlane.peers("sswtest").get(WireGuardKey.of(SeededIdentities.tunnelPublic(identity(5))))
                .allowedIps().contains(IpPrefix.parse("::/0")));

        TunnelPlan parentless = TunnelPlan.of(LOCAL, List.of(neighbour(2, "10.0.0.2")), Optional.empty(), false,
                List.of());
        reconciler.apply(parentless);
        assertEquals(1, dataPlane.peers("sswtest").size(), "the neighbour that died is no peer");
        assertEquals(Map.of("fd73:7368:6172:0:0:0:0:0/48", "sswtest", "100.64.0.0/10", "sswtest"), dataPlane.routes(),
                "no default route without a parent");

        reconciler.apply(TunnelPlan.of(LOCAL, List.of(neighbour(2, "10.0.0.2")), Optional.empty(), true, List.of()));
        assertEquals(Set.of("sswtest"), dataPlane.masqueraded(), "a gateway masquerades");
        reconciler.apply(parentless);
        assertEquals(Set.of(), dataPlane.masqueraded(), "and stops when its uplink goes");

        List<IpPrefix> child = List.of(MeshAddresses.of(CHILD), IpPrefix.parse("10.99.5.0/24"));
        assertTrue(reconciler.cut(child));
        assertFalse(reconciler.cut(child), "nothing changed");
        assertEquals(child, dataPlane.cut("sswtest"));
        assertTrue(reconciler.cut(List.of()));
        assertEquals(List.of(), dataPlane.cut("sswtest"), "lifted");

        assertFalse(reconciler.caps(ShareCaps.NONE, List.of(child)), "no caps: nothing to do");
        assertTrue(reconciler.caps(new ShareCaps(8000, 0), List.of(child)));
        assertFalse(reconciler.caps(new ShareCaps(8000, 0), List.of()), "a total cap ignores who the neighbours are");
        assertTrue(reconciler.caps(new ShareCaps(8000, 800), List.of(child)));
        assertEquals(List.of(8000L, 800L, 1L), dataPlane.caps("sswtest"));
        assertTrue(reconciler.caps(ShareCaps.NONE, List.of(child)));
        assertEquals(List.of(), dataPlane.caps("sswtest"));
    }
}
