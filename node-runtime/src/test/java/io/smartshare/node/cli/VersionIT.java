package io.smartshare.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.node.testing.NodeProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --version}, alone and as a command's only option, prints the version the jar's
 * manifest names, and a running node says the same in {@code /node} and in its start-up log
 * line. (Other options may be called {@code --version}: {@code rewards sign-schedule}'s is.)
 */
class VersionIT {
    @TempDir
    Path dir;

    @Test
    void theLauncherEveryCommandAndTheRunningNodeNameTheSameVersion() throws Exception {
        String version;
        try (JarFile jar = new JarFile(NodeProcess.jar().toFile())) {
            version = jar.getManifest().getMainAttributes().getValue("Implementation-Version");
        }
        assertNotNull(version, "the jar's manifest names no Implementation-Version");
        for (List<String> args : List.of(List.of("--version"), List.of("status", "--version"),
                List.of("storage", "--version"), List.of("ledger", "--version"))) {
            NodeProcess.Result result = NodeProcess.runToEnd(args);
            assertEquals(0, result.exitCode(), args + ": " + result.stderr());
            assertEquals("smartshare-node " + version, result.stdout().strip(), args.toString());
        }
        try (NodeProcess node = NodeProcess.start(dir.resolve("data"), false)) {
            assertEquals(version, node.get("/node").get("version"));
            assertTrue(node.log().contains("event=started ") && node.log().contains(" version=" + version + " "),
                    node.log());
        }
    }
}
