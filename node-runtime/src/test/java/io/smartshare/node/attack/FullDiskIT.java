package io.smartshare.node.attack;

import static io.smartshare.node.testing.JsonDocument.list;
import static io.smartshare.node.testing.JsonDocument.number;
import static io.smartshare.node.testing.JsonDocument.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.smartshare.node.testing.NodeProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real node whose data dir is on a 4 MB tmpfs (root only) that a test fills up: the ledger
 * shows failed with the reason in {@code /health} and {@code /metrics}, appends resume by
 * themselves once space returns, and the ledger still verifies.
 */
class FullDiskIT {
    @TempDir
    Path dir;

    @Test
    void aFullDiskShowsInHealthAndTheLedgerResumesByItselfOnceSpaceReturns() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
        Path fs = Files.createDirectories(dir.resolve("fs"));
        run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", fs.toString());
        try {
            Path config = Files.writeString(dir.resolve("node.yaml"), "settings:\n  metering-interval-seconds: 1\n");
            Path data = fs.resolve("data");
            try (NodeProcess node = NodeProcess.start(data, false, "--config", config.toString())) {
                node.await("/ledger/head", doc -> number(doc, "size") >= 6);

                Path filler = fs.resolve("filler");
                fill(filler);
                Map<String, Object> failed = node.await("/health", doc -> ledger(doc).get("state").equals("degraded"));
                assertTrue(String.valueOf(ledger(failed).get("reason")).contains("ENOSPC"), failed.toString());
                Map<String, Object> metrics = object(node.get("/metrics"), "ledger");
                assertEquals("failed", metrics.get("state"), metrics.toString());
                long sizeWhileFull = number(node.get("/ledger/head"), "size");

                Files.delete(filler);
                node.await("/health", doc -> ledger(doc).get("state").equals("up"));
                node.await("/ledger/head", doc -> number(doc, "size") > sizeWhileFull + 6);
                Map<String, Object> after = node.get("/metrics");
                Map<String, Object> healed = object(after, "ledger");
                assertTrue(number(healed, "reopens") >= 1 && number(healed, "failures") >= 1, healed.toString());
                assertTrue(number(object(after, "meters"), "missed-metering-intervals") >= 1, after.toString());
                assertTrue(node.log().contains("event=metering-gap"), node.log());
                assertEquals(java.util.Optional.of(0), node.terminate(30));
            }
            NodeProcess.Result verified = NodeProcess.runToEnd(List.of("ledger", "verify", "--data-dir", data.toString()));
            assertEquals(0, verified.exitCode(), verified.stdout() + verified.stderr());
        } finally {
            run("umount", "-l", fs.toString());
        }
    }

    private static Map<String, Object> ledger(Map<String, Object> health) {
        return list(health, "components").stream().map(c -> (Map<String, Object>) c)
                .filter(c -> "ledger".equals(c.get("component"))).findFirst().orElseThrow();
    }

    /** Writes zeros to {@code file} until the file system is full. */
    private static void fill(Path file) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
    }
}
