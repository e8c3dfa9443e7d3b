package io.smartshare.node.mesh.coap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.node.testing.NodeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code smartshare-node sim} as a user runs it: the jar, a small grid, a node killed while it
 * runs, a fixed duration. The run is kept in {@code node-runtime/target/sim-heal.txt}, as the
 * operator guide shows it.
 */
class SimCommandIT {
    private static final Pattern DETECTED = Pattern.compile("detected: n\\d+ noticed n3 gone (\\d+\\.\\d+) s after");
    private static final Pattern HEALED = Pattern.compile(
            "healed: every live node has a route again, none through n3, (\\d+\\.\\d+) s after the kill");

    @Test
    void gridOfNineAttachesHealsAroundAKilledNodeAndStopsAfterItsSeconds() throws Exception {
        List<String> command = List.of("sim", "--nodes", "9", "--topology", "grid", "--seconds", "14",
                "--summary-seconds", "4", "--kill", "n3@5");
        NodeProcess.Result result = NodeProcess.runToEnd(command);
        assertEquals(0, result.exitCode(), result.stderr());
        String out = result.stdout();
        Files.writeString(Path.of("target", "sim-heal.txt"), "$ smartshare-node " + String.join(" ", command) + "\n"
                + out);
        assertTrue(out.contains("sim: 9 nodes, grid topology, gateway n4"), out);
        assertTrue(Pattern.compile("sim: n3   ss[a-z2-7]{26}  coap://127\\.0\\.0\\.1:\\d+").matcher(out).find(),
                "each name is mapped to its node id and port: " + out);
        assertTrue(out.contains("n4   route: gateway, rank"), out);
        assertTrue(out.contains("summary: attached 9/9, deepest route 2 hops"), out);
        assertTrue(out.contains("n3   killed (--kill n3@5)"), out);
        Matcher detected = DETECTED.matcher(out);
        Matcher healed = HEALED.matcher(out);
        assertTrue(detected.find() && healed.find(), out);
        assertTrue(Double.parseDouble(healed.group(1)) >= Double.parseDouble(detected.group(1)), out);
        assertTrue(out.contains("summary: attached 8/8"), "the other eight keep a route: " + out);
        assertTrue(!result.stderr().contains(" INFO "), "the nodes' own info lines stay out of the view: "
                + result.stderr());
    }

    @Test
    void helpNamesTheTopologies() throws Exception {
        NodeProcess.Result result = NodeProcess.runToEnd(List.of("sim", "--help"));
        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stdout().contains("--topology T         line, grid or random"), result.stdout());
    }
}
