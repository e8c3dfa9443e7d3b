package io.smartshare.node.mesh.coap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.node.testing.DocBlocks;
import io.smartshare.node.testing.NodeProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code smartshare-node sim} as a user runs it: the jar, a small grid, a node killed and a
 * link cut while it runs, then the keys typed at it: k kills a random node, r revives it (it
 * rejoins), q quits before the run's seconds are up. The run is kept in {@code
 * node-runtime/target/sim-heal.txt}; the operator guide shows such a run.
 */
class SimCommandIT {
    private static final Pattern DETECTED = Pattern.compile("detected: n\\d+ noticed n3 gone (\\d+\\.\\d+) s after the kill");
    private static final Pattern HEALED = Pattern.compile(
            "healed: every live node has a route again, none through n3, (\\d+\\.\\d+) s after the kill");
    private static final Pattern CUT_HEALED = Pattern.compile(
            "healed: every live node has a route again, none over the link n1-n4, (\\d+\\.\\d+) s after the cut");
    private static final Pattern KEY_KILLED = Pattern.compile("(n\\d+) +killed \\(key k\\)");

    @Test
    void gridOfNineHealsAroundAKilledNodeAndACutLinkAndFollowsItsKeys() throws Exception {
        List<String> command = List.of("sim", "--nodes", "9", "--topology", "grid", "--seconds", "40",
                "--summary-seconds", "4", "--kill", "n3@3", "--cut", "n1-n4@4");
        Process sim = NodeProcess.launch(command);
        Output out = new Output(sim);
        try (OutputStream keys = sim.getOutputStream()) {
            out.await(HEALED);
            out.await(CUT_HEALED);
            keys.write("k\n".getBytes(StandardCharsets.US_ASCII));
            keys.flush();
            String victim = out.await(KEY_KILLED).group(1);
            out.await(Pattern.compile("detected: n\\d+ noticed " + victim + " gone"));
            keys.write("r\n".getBytes(StandardCharsets.US_ASCII));
            keys.flush();
            out.await(Pattern.compile(victim + " +revived \\(key r\\)"));
            out.await(Pattern.compile(victim + " +route: parent n\\d+"));
            out.await(Pattern.compile("recovered: " + victim + " has a route again \\d+\\.\\d+ s after the revive"));
            keys.write("q\n".getBytes(StandardCharsets.US_ASCII));
            keys.flush();
            assertTrue(sim.waitFor(20, TimeUnit.SECONDS), "q ends the run long before its 40 s:\n" + out.text());
        } finally {
            sim.destroyForcibly();
        }
        assertEquals(0, sim.exitValue(), out.text());
        String text = out.text();
        List<String> capture = new ArrayList<>(List.of("$ smartshare-node " + String.join(" ", command)
                + "    # then k, r, q typed"));
        capture.addAll(text.lines().toList());
        Files.write(Path.of("target", "sim-heal.txt"), capture);
        assertTrue(text.contains("sim: 9 nodes, grid topology, gateway n4"), text);
        assertTrue(Pattern.compile("sim: n3   ss[a-z2-7]{26}  coap://127\\.0\\.0\\.1:\\d+").matcher(text).find(),
                "each name is mapped to its node id and port: " + text);
        assertTrue(text.contains("n4   route: gateway, rank"), text);
        assertTrue(text.contains("n3   killed (--kill n3@3)") && text.contains("n1   link to n4 cut (--cut n1-n4@4)"), text);
        Matcher detected = DETECTED.matcher(text);
        Matcher healed = HEALED.matcher(text);
        assertTrue(detected.find() && healed.find(), text);
        assertTrue(Double.parseDouble(healed.group(1)) >= Double.parseDouble(detected.group(1)), text);
        assertTrue(text.contains("noticed the link to n4 cut") || text.contains("noticed the link to n1 cut"), text);
        assertTrue(!out.errors().contains(" INFO "), "the nodes' own info lines stay out of the view: " + out.errors());
        theGuideShowsSuchARun(capture);
    }

    /**
     * The operator guide's sim transcript is of this run: the same command, and each line it
     * shows has the shape ({@link DocBlocks#shape}) of a line this run printed; only a node left
     * without a route for a moment depends on timing (whether a neighbour offers it a route
     * before it notices its parent gone), so that line may be missing here.
     */
    private static void theGuideShowsSuchARun(List<String> printed) throws IOException {
        List<String> shown = DocBlocks.transcript("docs/operator-guide.md", "smartshare-node sim ");
        Set<String> shapes = printed.stream().map(DocBlocks::shape).collect(Collectors.toSet());
        shapes.add(DocBlocks.shape("1.00s n1   route: none (rank infinite)"));
        List<String> missing = new ArrayList<>();
        for (String line : shown) {
            if (!line.startsWith("…") && !shapes.contains(DocBlocks.shape(line))) {
                missing.add(line);
            }
        }
        assertEquals(List.of(), missing, "lines docs/operator-guide.md shows that this run (target/sim-heal.txt) never "
                + "printed in that form");
    }

    @Test
    void helpNamesTheTopologiesAndAWrongCutIsAUsageError() throws Exception {
        NodeProcess.Result result = NodeProcess.runToEnd(List.of("sim", "--help"));
        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stdout().contains("--topology T         line, grid or random"), result.stdout());
        NodeProcess.Result notNeighbours = NodeProcess.runToEnd(List.of("sim", "--nodes", "9", "--cut", "n0-n8@5"));
        assertEquals(2, notNeighbours.exitCode(), notNeighbours.stderr());
        assertTrue(notNeighbours.stderr().contains("option --cut: expected A-B@SECONDS with A and B neighbours"),
                notNeighbours.stderr());
    }

    /** What the run prints, read as it comes. */
    private static final class Output {
        private final List<String> lines = new ArrayList<>();
        private final StringBuilder errors = new StringBuilder();

        Output(Process process) {
            read(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), false);
            read(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), true);
        }

        private void read(BufferedReader reader, boolean error) {
            Thread thread = new Thread(() -> {
                try (reader) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        synchronized (this) {
                            if (error) {
                                errors.append(line).append('\n');
                            } else {
                                lines.add(line);
                            }
                            notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
            }, error ? "sim-stderr" : "sim-stdout");
            thread.setDaemon(true);
            thread.start();
        }

        /** Waits (at most 30 s) for a line matching {@code pattern}; its match. */
        synchronized Matcher await(Pattern pattern) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (int seen = 0; ; ) {
                for (; seen < lines.size(); seen++) {
                    Matcher m = pattern.matcher(lines.get(seen));
                    if (m.find()) {
                        return m;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no line matching " + pattern + " in:\n" + String.join("\n", lines));
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        synchronized String text() {
            return String.join("\n", lines) + "\n";
        }

        synchronized String errors() {
            return errors.toString();
        }
    }
}
