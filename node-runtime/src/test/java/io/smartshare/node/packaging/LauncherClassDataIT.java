package io.smartshare.node.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.node.testing.NodeProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data archive (bin/smartshare-node, docs/operator-guide.md): two nodes
 * started together for the first time each record their own class list; the next start
 * writes the archive from one of them and later starts map it. A list the JVM refuses (here:
 * garbage) is deleted and the node starts without an archive, and the start after it records
 * a new list instead of failing again.
 */
class LauncherClassDataIT {
    private static final Path ROOT = Path.of(System.getProperty("smartshare.root"));

    @TempDir
    Path dir;

    @Test
    void concurrentFirstRunsRecordSeparateListsAndARefusedListIsRecordedAgain() throws Exception {
        Path cds = dir.resolve("cds");
        List<Launched> first = List.of(launch("a"), launch("b")); // together, as two nodes on one machine at boot
        for (Launched node : first) {
            node.awaitStarted();
        }
        for (Launched node : first) {
            node.stop();
        }
        assertEquals(2, files(cds, ".list.").size(), "one list per recording run: " + files(cds, ""));

        Launched third = start("a");
        third.stop();
        assertTrue(third.log().contains("writing the class-data archive"), third.log());
        assertEquals(1, files(cds, ".jsa").size(), files(cds, "").toString());
        assertEquals(List.of(), files(cds, ".list."), "the lists are gone once the archive is written");
        Launched fourth = start("a");
        fourth.stop();
        assertFalse(fourth.log().contains("class-data"), "the archive is mapped silently: " + fourth.log());

        Path archive = files(cds, ".jsa").get(0);
        String key = archive.getFileName().toString().replace(".jsa", "");
        Files.delete(archive);
        Path garbage = Files.writeString(cds.resolve(key + ".list.1"), "@@not a class list\n");
        Launched refused = start("a");
        refused.stop();
        assertTrue(refused.log().contains("no class-data archive"), refused.log());
        assertFalse(Files.exists(garbage), "a refused list is deleted");
        Launched again = start("a");
        again.stop();
        assertEquals(1, files(cds, ".list.").size(), "the next start records a new list: " + files(cds, ""));
    }

    private List<Path> files(Path cds, String containing) throws IOException {
        try (Stream<Path> files = Files.list(cds)) {
            return files.filter(f -> f.getFileName().toString().contains(containing)).sorted().toList();
        }
    }

    /** Starts a sim node through the launcher with the data dir {@code dir/name}; returns once it has started. */
    private Launched start(String name) throws Exception {
        Launched node = launch(name);
        node.awaitStarted();
        return node;
    }

    private Launched launch(String name) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("bin/smartshare-node").toString(), "run", "--board", "sim",
                "--data-dir", dir.resolve(name).toString(), "--coap-port", "0", "--coaps-port", "0")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("SMARTSHARE_CDS_DIR", dir.resolve("cds").toString());
        builder.environment().put("SMARTSHARE_JAR", NodeProcess.jar().toString());
        return new Launched(builder.start());
    }

    /** A launched node and its log; {@link #stop} sends SIGTERM and waits for exit 0. */
    private static final class Launched {
        private final Process process;
        private final List<String> log = new ArrayList<>();
        private final CompletableFuture<Boolean> started = new CompletableFuture<>();

        Launched(Process process) {
            this.process = process;
            Thread reader = new Thread(this::read, "launcher-log");
            reader.setDaemon(true);
            reader.start();
        }

        void awaitStarted() throws Exception {
            assertTrue(started.get(120, TimeUnit.SECONDS), "the node did not start:\n" + log());
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (log) {
                        log.add(line);
                    }
                    if (line.contains("event=started")) {
                        started.complete(true);
                    }
                }
            } catch (IOException e) {
                synchronized (log) {
                    log.add("(log reader stopped: " + e + ")");
                }
            } finally {
                started.complete(false);
            }
        }

        String log() {
            synchronized (log) {
                return String.join("\n", log);
            }
        }

        void stop() throws InterruptedException {
            process.destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), log());
            assertEquals(0, process.exitValue(), log());
        }
    }
}
