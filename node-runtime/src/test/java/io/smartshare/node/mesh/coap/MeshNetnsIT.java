package io.smartshare.node.mesh.coap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.smartshare.node.testing.NetnsScripts;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code scripts/mesh-netns-test}: real node processes in Linux network namespaces, one
 * of them killed with {@code kill -9} and restarted. Asserts what the script reports (the
 * mesh reconverged, a delivery ratio was measured) and that no namespace is left behind;
 * the figures themselves are benchmarks, compared with the budgets by reading them, not here.
 */
class MeshNetnsIT {
    @Test
    void meshOfRealProcessesHealsAfterKillAndRemovesItsNamespaces() throws Exception {
        assumeTrue(NetnsScripts.isRoot(), "mesh-netns-test needs root for network namespaces; run mvn verify as root to include it");
        // short traffic windows: this test checks that the mesh heals, the bench measures the figures
        NetnsScripts.Run run = NetnsScripts.run("mesh-netns-test",
                Map.of("WARMUP_SECONDS", "5", "STEADY_SECONDS", "10", "DELAY_MS", "20"));
        String output = run.output();

        assertEquals(0, run.exitCode(), output);
        assertTrue(output.contains("RESULT nodes=8 reconverged=yes"), output);
        Matcher delivery = Pattern.compile("BENCH mesh-netns-delivery ours=(\\d+\\.\\d)% ").matcher(output);
        assertTrue(delivery.find(), output);
        assertTrue(Double.parseDouble(delivery.group(1)) > 0, "nothing was delivered through the mesh:\n" + output);
        assertTrue(output.contains("BENCH mesh-netns-detect ours="), output);
        assertTrue(output.contains("BENCH mesh-netns-control ours="), output);
        assertTrue(output.contains(" delay-ms=20"), "the nodes did not run with the test bed's link delay:\n" + output);
        NetnsScripts.assertCleanedUp(output, 9);
    }
}
