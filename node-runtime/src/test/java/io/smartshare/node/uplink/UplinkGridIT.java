package io.smartshare.node.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.smartshare.node.testing.NetnsScripts;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code scripts/uplink-grid-test}: a 2x4 grid of real node processes with two gateways.
 * A gateway's share cap holds a full-rate transfer under it; a gateway whose uplink comes up becomes one and one whose uplink goes down stops being one,
 * the client's traffic failing over to the other; a download survives the death of the relay
 * it went through (node and wireguard-go killed); nothing is left after the run. The gaps are
 * benchmark figures (scripts/bench-uplink), not asserted here.
 */
class UplinkGridIT {
    @Test
    void trafficFailsOverToTheSecondGatewayAndSurvivesARelaysDeathAndNothingIsLeft() throws Exception {
        assumeTrue(NetnsScripts.isRoot(), "uplink-grid-test needs root for namespaces, WireGuard and NAT; run mvn verify as root");
        NetnsScripts.Run run = NetnsScripts.run("uplink-grid-test", Map.of());
        String output = run.output();
        assertEquals(0, run.exitCode(), output);
        assertTrue(output.contains("RESULT share-cap kbps="), output);
        assertTrue(output.contains("RESULT second-gateway=up"), output);
        assertTrue(output.contains("RESULT gateway-failover from=n"), output);
        assertTrue(output.contains("download=complete"), output);
        assertTrue(output.contains("RESULT interfaces-left=0 nat-tables-left=0 wireguard-go-left=0"), output);
        NetnsScripts.assertCleanedUp(output, 11);
    }
}
