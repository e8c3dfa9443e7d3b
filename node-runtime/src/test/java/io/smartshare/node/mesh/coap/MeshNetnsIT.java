package io.smartshare.node.mesh.coap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.smartshare.node.testing.NodeProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
    private static final Path SCRIPT = Path.of("..", "scripts", "mesh-netns-test").toAbsolutePath().normalize();

    @Test
    void meshOfRealProcessesHealsAfterKillAndRemovesItsNamespaces() throws Exception {
        assumeTrue(isRoot(), "mesh-netns-test needs root for network namespaces; run mvn verify as root to include it");
        assertTrue(Files.isExecutable(SCRIPT), "missing " + SCRIPT);
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString(), NodeProcess.jar().toString())
                .redirectErrorStream(true);
        // short traffic windows: this test checks that the mesh heals, the bench measures the figures
        builder.environment().putAll(Map.of("WARMUP_SECONDS", "5", "STEADY_SECONDS", "10", "DELAY_MS", "20"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), output);
        System.out.println(output);

        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("RESULT nodes=8 reconverged=yes"), output);
        Matcher delivery = Pattern.compile("BENCH mesh-netns-delivery ours=(\\d+\\.\\d)% ").matcher(output);
        assertTrue(delivery.find(), output);
        assertTrue(Double.parseDouble(delivery.group(1)) > 0, "nothing was delivered through the mesh:\n" + output);
        assertTrue(output.contains("BENCH mesh-netns-detect ours="), output);
        assertTrue(output.contains("BENCH mesh-netns-control ours="), output);
        assertTrue(output.contains(" delay-ms=20"), "the nodes did not run with the test bed's link delay:\n" + output);
        Matcher prefix = Pattern.compile("namespaces prefix=(\\S+)").matcher(output);
        assertTrue(prefix.find(), output);
        assertTrue(output.contains("CLEANUP namespaces-removed=9 left=0"), output);
        assertFalse(namespaces().contains(prefix.group(1) + "-"), "namespaces left behind: " + namespaces());
    }

    private static boolean isRoot() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u").start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return id.waitFor() == 0 && uid.equals("0");
    }

    private static String namespaces() throws IOException, InterruptedException {
        Process list = new ProcessBuilder("ip", "netns", "list").start();
        String out = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        list.waitFor();
        return out;
    }
}
