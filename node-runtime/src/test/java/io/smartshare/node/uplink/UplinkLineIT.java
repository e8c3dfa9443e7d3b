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
 * Runs {@code scripts/uplink-line-test} with 5 relays: real node processes in network
 * namespaces, real WireGuard tunnels (wireguard-go here) between neighbours, the kernel
 * forwarding and the gateway's NAT; a LAN client behind the far node fetches a page from an
 * "internet" namespace with curl and runs iperf3 through it, for which every relay accepts
 * receipts (from WireGuard's counters) of iperf3's bytes plus the tunnel's overhead; a
 * neighbour owing more than the grace is cut and restored once it pays; nothing
 * from the uplink's side gets into the mesh unasked; a relay killed with kill -9 and started
 * again replaces what it left; nothing is left after the run.
 */
class UplinkLineIT {
    @Test
    void aLanClientBehindFiveRelaysReachesTheInternetThroughTheGatewaysNatAndNothingIsLeft() throws Exception {
        assumeTrue(NetnsScripts.isRoot(), "uplink-line-test needs root for namespaces, WireGuard and NAT; run mvn verify as root");
        NetnsScripts.Run run = NetnsScripts.run("uplink-line-test", Map.of("HOPS", "5", "IPERF_SECONDS", "2"));
        String output = run.output();
        assertEquals(0, run.exitCode(), output);
        assertTrue(output.contains("RESULT routers-crossed=6 "), output);
        assertTrue(output.contains("RESULT curl-http=200 bytes=65536 "), output);
        assertTrue(output.contains("RESULT mesh-ping-far-to-gateway received="), output);
        assertTrue(output.contains("RESULT uplink-status peers=1"), output);
        assertTrue(output.contains("RESULT unsolicited-from-uplink-side=dropped"), output);
        Matcher receipts = Pattern.compile("RESULT receipts n(\\d)-from-n\\d relay-up-bytes=\\d+ iperf3-bytes=(\\d+) "
                + "ratio=([0-9.]+)").matcher(output);
        int relays = 0;
        while (receipts.find()) {
            double ratio = Double.parseDouble(receipts.group(3));
            // docs/uplink.md "Metering": IP, TCP and WireGuard headers add about 6.4 % to a full segment
            assertTrue(ratio >= 1.0 && ratio <= 1.10, "relay n" + receipts.group(1) + " was paid " + ratio
                    + " times iperf3's bytes:\n" + output);
            assertTrue(Long.parseLong(receipts.group(2)) > 0, output);
            relays++;
        }
        assertEquals(5, relays, output);
        assertTrue(output.contains("RESULT pay-to-relay cut=n4:n5 restored=yes"), output);
        assertTrue(output.contains("RESULT relay-after-restart interfaces=1 wireguard-go=1 replaced=yes"), output);
        assertTrue(output.contains("RESULT interfaces-left=0 nat-tables-left=0 wireguard-go-left=0"), output);
        NetnsScripts.assertCleanedUp(output, 9);
    }
}
