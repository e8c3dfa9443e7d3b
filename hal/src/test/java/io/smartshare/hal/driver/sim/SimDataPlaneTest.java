package io.smartshare.hal.driver.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smartshare.hal.dataplane.DataPlaneException;
import io.smartshare.hal.dataplane.IpPrefix;
import io.smartshare.hal.dataplane.PeerTransfer;
import io.smartshare.hal.dataplane.Tunnel;
import io.smartshare.hal.dataplane.TunnelPeer;
import io.smartshare.hal.dataplane.WireGuardKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SimDataPlaneTest {
    private static final WireGuardKey PEER = WireGuardKey.of(new byte[32]);

    @Test
    void tunnelsPeersRoutesAndCountersLiveInMemoryAndGoWithTheirInterface() throws Exception {
        SimDataPlane plane = new SimDataPlane();
        Tunnel tunnel = plane.openTunnel("ss-a", new byte[32], 51900, List.of());
        tunnel.setPeer(new TunnelPeer(PEER, Optional.empty(), List.of(IpPrefix.parse("10.210.0.2/32")), 0));
        plane.setRoute(IpPrefix.parse("10.210.0.0/24"), "ss-a");
        plane.carry("ss-a", PEER, 100, 40);
        plane.carry("ss-a", PEER, 1, 2);
        assertEquals(Map.of(PEER, new PeerTransfer(101, 42)), tunnel.transfer());
        assertThrows(DataPlaneException.class, () -> plane.openTunnel("ss-a", new byte[32], 51900, List.of()));
        assertThrows(DataPlaneException.class, () -> plane.setRoute(IpPrefix.parse("10.0.0.0/8"), "eth9"));

        assertEquals(List.of("ss-a"), plane.removeInterfaces("ss-"));
        assertEquals(Map.of(), plane.routes(), "routes through a deleted interface go with it");
        assertEquals(List.of(), plane.interfaces());
    }

    @Test
    void prefixesParseAndPrintAsTheToolsWriteThem() {
        assertEquals("10.210.0.0/24", IpPrefix.parse("10.210.0.0/24").toString());
        assertEquals("10.210.0.7/32", IpPrefix.parse("10.210.0.7").toString());
        assertEquals("fd5a:0:0:0:0:0:0:0/48", IpPrefix.parse("fd5a::/48").toString());
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("router.local/24"));
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("10.0.0.0/33"));
    }
}
