package io.smartshare.node.mesh.coap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.node.testing.NodeProcess;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code smartshare-node sim} as a user runs it: the jar, a small grid, a fixed duration. */
class SimCommandIT {
    @Test
    void gridOfNineAttachesAndStopsAfterItsSeconds() throws Exception {
        NodeProcess.Result result = NodeProcess.runToEnd(List.of("sim", "--nodes", "9", "--topology", "grid",
                "--seconds", "8", "--summary-seconds", "2"));
        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stdout().contains("sim: 9 nodes, grid topology, gateway n4"), result.stdout());
        assertTrue(result.stdout().contains("n4   route: gateway, rank"), result.stdout());
        assertTrue(result.stdout().contains("summary: attached 9/9, deepest route 2 hops"), result.stdout());
    }

    @Test
    void helpNamesTheTopologies() throws Exception {
        NodeProcess.Result result = NodeProcess.runToEnd(List.of("sim", "--help"));
        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stdout().contains("--topology T         line, grid or random"), result.stdout());
    }
}
