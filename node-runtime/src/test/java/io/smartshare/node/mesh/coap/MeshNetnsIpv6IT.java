package io.smartshare.node.mesh.coap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.smartshare.node.testing.NetnsScripts;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code scripts/mesh-netns-ipv6-test}: two real node processes on an IPv6-only link
 * find each other through ff02::fd, attach, and relay a request; no namespace is left.
 */
class MeshNetnsIpv6IT {
    @Test
    void nodesOnAnIpv6OnlyLinkDiscoverEachOtherThroughFf02Fd() throws Exception {
        assumeTrue(NetnsScripts.isRoot(), "mesh-netns-ipv6-test needs root for network namespaces");
        NetnsScripts.Run run = NetnsScripts.run("mesh-netns-ipv6-test", Map.of());
        String output = run.output();

        assertEquals(0, run.exitCode(), output);
        assertTrue(output.contains("RESULT ipv6 attached=yes relayed=yes group=/[ff02:0:0:0:0:0:0:fd%m0]:5683 "
                + "neighbour-address=[fe80:"), output);
        NetnsScripts.assertCleanedUp(output, 2);
    }
}
