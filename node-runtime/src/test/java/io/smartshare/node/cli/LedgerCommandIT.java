package io.smartshare.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.ledger.identity.KeyFile;
import io.smartshare.node.testing.NodeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code smartshare-node ledger show|verify|export} on the data dir of a node that ran. */
class LedgerCommandIT {
    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void runANodeThatMeters() throws Exception {
        data = dir.resolve("data");
        try (NodeProcess node = NodeProcess.startWithConfig(dir, "settings:\n  metering-interval-seconds: 1\n", false)) {
            Thread.sleep(3_000);
            assertEquals(java.util.Optional.of(0), node.terminate(30), node.log());
        }
    }

    @Test
    void verifyAcceptsTheLogAndItsFinalCheckpoint() throws Exception {
        NodeProcess.Result result = NodeProcess.runToEnd(List.of("ledger", "verify", "--data-dir", data.toString()));
        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stdout().startsWith("accepted: "), result.stdout());
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("accepted: (\\d+) records, root \\p{XDigit}{64}, (\\d+) signed checkpoints verified")
                .matcher(result.stdout());
        assertTrue(m.find(), result.stdout());
        assertTrue(Integer.parseInt(m.group(2)) >= 1, "stopping the node signed a checkpoint: " + result.stdout());
        assertTrue(result.stdout().contains("latest checkpoint: size " + (Long.parseLong(m.group(1)) - 1)),
                "the final checkpoint covers every record before its own marker: " + result.stdout());
    }

    @Test
    void showPrintsTheLastRecords() throws Exception {
        NodeProcess.Result result = NodeProcess.runToEnd(List.of("ledger", "show", "--data-dir", data.toString(),
                "--last", "3"));
        assertEquals(0, result.exitCode(), result.stderr());
        List<String> lines = result.stdout().lines().filter(l -> l.matches("\\s+\\d+ .*")).toList();
        assertEquals(3, lines.size(), result.stdout());
        assertTrue(lines.get(2).contains("checkpoint size"), "the last record is the final checkpoint's marker: " + lines);
        assertTrue(lines.get(1).contains("metering  "), lines.toString());
    }

    @Test
    void exportedLogVerifiesWithTheNodeKeyAndADamagedCopyIsRejected() throws Exception {
        Path export = dir.resolve("ledger.export");
        NodeProcess.Result exported = NodeProcess.runToEnd(List.of("ledger", "export", "--data-dir", data.toString(),
                "--out", export.toString()));
        assertEquals(0, exported.exitCode(), exported.stderr());
        String key = HexFormat.of().formatHex(KeyFile.load(data.resolve("node.key")).publicKey().encoded());
        NodeProcess.Result good = NodeProcess.runToEnd(List.of("ledger", "verify", "--file", export.toString(),
                "--key", key));
        assertEquals(0, good.exitCode(), good.stderr());

        byte[] bytes = Files.readAllBytes(export);
        bytes[bytes.length / 2] ^= 0x40;
        Path damaged = dir.resolve("damaged.export");
        Files.write(damaged, bytes);
        NodeProcess.Result bad = NodeProcess.runToEnd(List.of("ledger", "verify", "--file", damaged.toString(),
                "--key", key));
        assertEquals(1, bad.exitCode(), bad.stdout());
        assertTrue(bad.stderr().startsWith("rejected at "), bad.stderr());

        String otherKey = HexFormat.of().formatHex(io.smartshare.ledger.identity.NodeIdentity
                .generate(new java.security.SecureRandom()).publicKey().encoded());
        NodeProcess.Result wrongKey = NodeProcess.runToEnd(List.of("ledger", "verify", "--file", export.toString(),
                "--key", otherKey));
        assertEquals(1, wrongKey.exitCode(), wrongKey.stdout());
    }
}
