package io.smartshare.node.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.smartshare.node.testing.NetnsScripts;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code scripts/uplink-netns-test}: two real node processes in two network namespaces,
 * each making a real WireGuard interface (wireguard-go here) whose peer is the other, keyed
 * by the tunnel key in its signed hello; pings between their mesh addresses cross the tunnel,
 * and stopping the nodes leaves no interface, process or namespace behind.
 */
class UplinkNetnsIT {
    @Test
    void twoNodesTunnelToEachOtherCarryPingsBetweenTheirMeshAddressesAndCleanUp() throws Exception {
        assumeTrue(NetnsScripts.isRoot(), "uplink-netns-test needs root for namespaces and WireGuard; run mvn verify as root");
        NetnsScripts.Run run = NetnsScripts.run("uplink-netns-test", Map.of());
        String output = run.output();
        assertEquals(0, run.exitCode(), output);
        Matcher ping = Pattern.compile("RESULT ping-received=(\\d+)/5 tunnel-rx-bytes=(\\d+)").matcher(output);
        assertTrue(ping.find(), output);
        assertTrue(Integer.parseInt(ping.group(1)) > 0 && Long.parseLong(ping.group(2)) > 0, output);
        assertTrue(output.contains("RESULT interfaces-left=0 wireguard-go-left=0"), output);
        NetnsScripts.assertCleanedUp(output, 2);
    }
}
