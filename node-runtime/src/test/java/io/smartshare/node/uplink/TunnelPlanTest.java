package io.smartshare.node.uplink;

import static io.smartshare.node.testing.SeededIdentities.identity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.hal.dataplane.IpPrefix;
import io.smartshare.hal.dataplane.TunnelPeer;
import io.smartshare.hal.dataplane.WireGuardKey;
import io.smartshare.hal.driver.sim.SimDataPlane;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.testing.SeededIdentities;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TunnelPlanTest {
    private static final NodeId PARENT = identity(2).nodeId();
    private static final NodeId CHILD = identity(3).nodeId();
    private static final NodeId GRANDCHILD = identity(4).nodeId();
    private static final NodeId SIBLING = identity(5).nodeId();

    private static TunnelPlan.Neighbour neighbour(int seed, String host) throws Exception {
        return new TunnelPlan.Neighbour(identity(seed).nodeId(), SeededIdentities.tunnelPublic(identity(seed)),
                InetAddress.getByName(host));
    }

    private static TunnelPeer peerOf(TunnelPlan plan, int seed) {
        return plan.peers().get(WireGuardKey.of(SeededIdentities.tunnelPublic(identity(seed))));
    }

    @Test
    void meshAddressesAreDerivedFromTheNodeIdAsTheSpecSays() {
        assertEquals("fd73:7368:6172:0:74d6:9915:9414:6911/128",
                MeshAddresses.of(new NodeId("ssqh3chv2c33fxmfexkut2tumww4")).toString());
        assertNotEquals(MeshAddresses.of(PARENT), MeshAddresses.of(CHILD));
    }

    @Test
    void theParentCarriesTheDefaultRoutesAndAChildItsRegisteredDescendants() throws Exception {
        List<TunnelPlan.Neighbour> live = List.of(neighbour(2, "10.0.0.2"), neighbour(3, "10.0.0.3"),
                neighbour(5, "10.0.0.5"));
        TunnelPlan plan = TunnelPlan.of(live, Optional.of(PARENT), false, Map.of(CHILD, CHILD, GRANDCHILD, CHILD), 51820);
        assertEquals(3, plan.peers().size());
        assertEquals(List.of(MeshAddresses.of(PARENT), IpPrefix.parse("::/0"), IpPrefix.parse("0.0.0.0/0")),
                peerOf(plan, 2).allowedIps());
        assertEquals(List.of(MeshAddresses.of(CHILD), MeshAddresses.of(GRANDCHILD)), peerOf(plan, 3).allowedIps());
        assertEquals(List.of(MeshAddresses.of(SIBLING)), peerOf(plan, 5).allowedIps());
        assertEquals("10.0.0.3", peerOf(plan, 3).endpoint().orElseThrow().getAddress().getHostAddress());
        assertEquals(51820, peerOf(plan, 3).endpoint().orElseThrow().getPort());
        assertEquals(List.of(MeshAddresses.MESH_PREFIX, IpPrefix.parse("::/0"), IpPrefix.parse("0.0.0.0/0")),
                plan.routes());
    }

    @Test
    void aGatewayRoutesOnlyTheMeshThroughTheTunnel() throws Exception {
        TunnelPlan plan = TunnelPlan.of(List.of(neighbour(3, "10.0.0.3")), Optional.empty(), true,
                Map.of(CHILD, CHILD), 51820);
        assertEquals(List.of(MeshAddresses.MESH_PREFIX), plan.routes());
        assertEquals(List.of(MeshAddresses.of(CHILD)), peerOf(plan, 3).allowedIps());
    }

    @Test
    void theReconcilerChangesOnlyWhatDiffersAndFollowsAParentSwitch() throws Exception {
        SimDataPlane dataPlane = new SimDataPlane();
        var tunnel = dataPlane.openTunnel("sswtest", new byte[32], 51820, List.of(MeshAddresses.of(identity(1).nodeId())));
        TunnelReconciler reconciler = new TunnelReconciler(dataPlane, tunnel);
        List<TunnelPlan.Neighbour> live = List.of(neighbour(2, "10.0.0.2"), neighbour(5, "10.0.0.5"));
        TunnelPlan first = TunnelPlan.of(live, Optional.of(PARENT), false, Map.of(), 51820);
        assertEquals(2 + 3, reconciler.apply(first));
        assertEquals(0, reconciler.apply(first), "nothing changed");
        assertEquals(Map.of("fd73:7368:6172:0:0:0:0:0/48", "sswtest", "0:0:0:0:0:0:0:0/0", "sswtest", "0.0.0.0/0",
                "sswtest"), dataPlane.routes());

        TunnelPlan switched = TunnelPlan.of(live, Optional.of(SIBLING), false, Map.of(), 51820);
        assertEquals(2, reconciler.apply(switched), "both peers' allowed IPs moved");
        assertTrue(dataPlane.peers("sswtest").get(WireGuardKey.of(SeededIdentities.tunnelPublic(identity(5))))
                .allowedIps().contains(IpPrefix.parse("::/0")));

        TunnelPlan parentless = TunnelPlan.of(List.of(neighbour(2, "10.0.0.2")), Optional.empty(), false, Map.of(),
                51820);
        reconciler.apply(parentless);
        assertEquals(1, dataPlane.peers("sswtest").size(), "the neighbour that died is no peer");
        assertEquals(Map.of("fd73:7368:6172:0:0:0:0:0/48", "sswtest"), dataPlane.routes(),
                "no default route without a parent");
    }
}
