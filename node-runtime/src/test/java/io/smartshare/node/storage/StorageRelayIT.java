package io.smartshare.node.storage;

import static io.smartshare.node.testing.JsonDocument.number;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.node.testing.JsonDocument;
import io.smartshare.node.testing.NodeLine;
import io.smartshare.node.testing.NodeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage through the mesh, over a line of three real node processes A - R - H (H the
 * gateway): A stores on H, which is not its neighbour, so R relays every request; the holder
 * is killed with SIGKILL in the middle of the upload and restarted, and the upload resumes
 * and completes; {@code get} returns the same bytes; neither R nor H ever holds the
 * plaintext. A put onto a node whose storage directory is a full disk (a 1 MB tmpfs) is
 * refused and leaves nothing there.
 */
class StorageRelayIT {
    private static final Pattern UPLOADING = Pattern.compile("(?:uploading|paused at) (\\d+)/");
    private static final int A = 0;
    private static final int R = 1;
    private static final int H = 2;

    @TempDir
    static Path dir;
    static NodeLine line;

    @BeforeAll
    static void start() throws Exception {
        line = NodeLine.start(dir, 3, "storage:\n  audit-seconds: 2\n");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (line != null) {
            line.close();
        }
    }

    @Test
    void anUploadThroughARelayResumesAfterTheHolderIsKilledAndNothingOnTheWayHoldsPlaintext() throws Exception {
        Path file = StorageCli.plainFile(dir, "six-mb", 6_000_000, 4);
        Process put = NodeProcess.launch(List.of("storage", "put", file.toString(), "--on", line.id(H), "--days", "1",
                "--config", line.configFile(A).toString(), "--identity", NodeLine.OPERATOR, "--node",
                "coaps://127.0.0.1:" + line.node(A).coapsPort()));
        line.await(H, "/storage", doc -> JsonDocument.<Map<String, Object>>list(doc, "held").stream()
                .anyMatch(r -> number(r, "received-leaves") > 200));
        line.crashAndRestart(H);
        assertTrue(put.waitFor(180, TimeUnit.SECONDS), "the put did not end");
        String out = new String(put.getInputStream().readAllBytes());
        assertEquals(0, put.exitValue(), out + new String(put.getErrorStream().readAllBytes()));
        // Whether the owner paused depends on how soon the holder is back; either way the upload
        // goes on from the leaves the holder kept (kill -9 loses nothing written), never from 0.
        List<Long> progress = out.lines().map(UPLOADING::matcher).filter(Matcher::find)
                .map(m -> Long.parseLong(m.group(1))).toList();
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) >= progress.get(i - 1), "the upload went back: " + out);
        }
        assertTrue(progress.stream().anyMatch(n -> n > 200) && out.contains("uploaded"), "it resumed: " + out);
        String id = out.lines().filter(l -> l.startsWith("agreed ")).findFirst().orElseThrow().substring(7);

        Path back = dir.resolve("six-mb.back");
        NodeProcess.Result got = StorageCli.storage(line, A, "get", id, "--out", back.toString());
        assertEquals(0, got.exitCode(), got.stdout() + got.stderr());
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(back));
        StorageCli.assertNoPlaintextUnder(line.dataDir(H));
        StorageCli.assertNoPlaintextUnder(line.dataDir(R));
        long relayed = JsonDocument.<Map<String, Object>>list(line.get(R, "/mesh/routes"), "relay").stream()
                .filter(r -> line.id(A).equals(r.get("peer"))).mapToLong(r -> number(r, "bytes-from-upstream")).sum();
        assertTrue(relayed >= Files.size(file), "R relayed the whole upload from A: " + relayed);
    }

    @Test
    void aPutOntoAFullDiskIsRefusedAndLeavesNothing() throws Exception {
        Path storage = Files.createDirectories(line.dataDir(R).resolve("storage"));
        mount("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", storage.toString());
        try {
            Path file = StorageCli.plainFile(dir, "two-mb-full", 2_000_000, 5);
            NodeProcess.Result refused = StorageCli.storage(line, A, "put", file.toString(), "--on", line.id(R), "--days", "1");
            assertEquals(1, refused.exitCode(), refused.stdout() + refused.stderr());
            assertTrue(refused.stderr().contains("5.03") && refused.stderr().contains("DISK"), refused.stderr());
            assertEquals(List.of(), StorageCli.files(storage), "nothing written to the full disk");
            assertEquals(0L, number(line.get(R, "/storage"), "used-bytes"));
        } finally {
            mount("umount", storage.toString());
        }
    }

    private static void mount(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": "
                + new String(process.getInputStream().readAllBytes()) + " (the test runs as root)");
    }
}
