package io.smartshare.node.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.node.testing.NodeProcess;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start, stop, restart and refusal to start of the real artifact. */
class LifecycleIT {
    @TempDir
    Path dir;

    @Test
    void restartKeepsTheNodeIdAndIdCommandPrintsIt() throws Exception {
        Path data = dir.resolve("data");
        String first;
        try (NodeProcess node = NodeProcess.start(data, false)) {
            first = startedId(node);
        }
        try (NodeProcess node = NodeProcess.start(data, false)) {
            assertEquals(first, startedId(node));
            NodeProcess.Result whileRunning = NodeProcess.runToEnd(List.of("id", "--data-dir", data.toString()));
            assertEquals(0, whileRunning.exitCode(), whileRunning.stderr());
            assertEquals(first, whileRunning.stdout().strip());
        }
        NodeProcess.Result id = NodeProcess.runToEnd(List.of("id", "--data-dir", data.toString()));
        assertEquals(0, id.exitCode(), id.stderr());
        assertEquals(first, id.stdout().strip());
    }

    @Test
    void sigtermStopsTheNodeWithExitCodeZero() throws Exception {
        try (NodeProcess node = NodeProcess.start(dir.resolve("data"), false)) {
            Optional<Integer> exit = node.terminate(30);
            assertEquals(Optional.of(0), exit, node.log());
            assertTrue(node.log().contains("event=stopped"), node.log());
        }
    }

    @Test
    void truncatedKeyFileStopsTheNodeWithAClearErrorAndKeepsTheFile() throws Exception {
        Path data = dir.resolve("data");
        try (NodeProcess node = NodeProcess.start(data, false)) {
            startedId(node);
        }
        Path key = data.resolve("node.key");
        byte[] truncated = Arrays.copyOf(Files.readAllBytes(key), 30);
        Files.write(key, truncated);
        NodeProcess.Result result = NodeProcess.runToEnd(List.of("run", "--data-dir", data.toString(),
                "--coap-port", "0"));
        assertEquals(1, result.exitCode(), result.stderr());
        assertTrue(result.stderr().contains("key file " + key), result.stderr());
        assertTrue(result.stderr().contains("damaged"), result.stderr());
        assertTrue(Arrays.equals(truncated, Files.readAllBytes(key)), "the damaged key is left for recovery");
    }

    @Test
    void brokenBoardFileNamesFileLineAndKey() throws Exception {
        Path sim = Path.of("..", "board-configs", "sim.yaml");
        List<String> lines = Files.readAllLines(sim);
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("seed:")) {
                at = i;
            }
        }
        assertTrue(at >= 0, "sim.yaml has a top-level seed");
        lines.set(at, "seed: forty-two");
        Path broken = dir.resolve("broken.yaml");
        Files.write(broken, lines);
        NodeProcess.Result result = NodeProcess.runToEnd(List.of("run", "--board", broken.toString(),
                "--data-dir", dir.resolve("data").toString(), "--coap-port", "0"));
        assertEquals(2, result.exitCode(), result.stderr());
        assertTrue(result.stderr().contains(broken + ":" + (at + 1) + ": seed: expected an integer, found 'forty-two'"),
                result.stderr());
    }

    @Test
    void portInUseIsAClearError() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(0))) {
            int port = taken.getLocalPort();
            NodeProcess.Result result = NodeProcess.runToEnd(List.of("run", "--data-dir",
                    dir.resolve("data").toString(), "--coap-port", String.valueOf(port)));
            assertEquals(1, result.exitCode(), result.stderr());
            assertTrue(result.stderr().contains("cannot listen for coap:// on UDP *:" + port), result.stderr());
        }
    }

    @Test
    void dataDirThatIsNotADirectoryIsAClearError() throws Exception {
        Path file = dir.resolve("not-a-dir");
        Files.writeString(file, "x");
        NodeProcess.Result result = NodeProcess.runToEnd(List.of("run", "--data-dir", file.toString(),
                "--coap-port", "0"));
        assertEquals(1, result.exitCode(), result.stderr());
        assertTrue(result.stderr().contains("data dir " + file), result.stderr());
    }

    @Test
    void secondNodeOnTheSameDataDirIsRefused() throws Exception {
        Path data = dir.resolve("data");
        try (NodeProcess node = NodeProcess.start(data, false)) {
            NodeProcess.Result second = NodeProcess.runToEnd(List.of("run", "--data-dir", data.toString(),
                    "--coap-port", "0"));
            assertEquals(1, second.exitCode(), second.stderr());
            assertTrue(second.stderr().contains("another node is running"), second.stderr());
        }
    }

    @Test
    void brokenOperatorConfigExitsWithTwo() throws Exception {
        Path config = dir.resolve("node.yaml");
        Files.writeString(config, "coap:\n  port: 5683\n  coaps-prot: 5684\n");
        NodeProcess.Result result = NodeProcess.runToEnd(List.of("run", "--data-dir", dir.resolve("data").toString(),
                "--config", config.toString()));
        assertEquals(2, result.exitCode(), result.stderr());
        assertTrue(result.stderr().contains(config + ":3: coap.coaps-prot: unknown key"), result.stderr());
    }

    private static String startedId(NodeProcess node) {
        Matcher m = Pattern.compile("event=started node=(\\S+)").matcher(node.log());
        assertTrue(m.find(), node.log());
        return m.group(1);
    }
}
