package io.smartshare.node.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.node.testing.NodeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log levels per component, from the operator config's {@code logging:} section and {@code
 * run --log-level} over it, on a real node process: the config quiets everything to warnings
 * but the node's and CoAP's start-up lines, the command line lets the mesh's through too, and
 * the other components' info lines stay out. A wrong level is a usage error.
 */
class LogLevelsIT {
    @TempDir
    Path dir;

    @Test
    void theConfigAndTheCommandLineSetALevelPerComponent() throws Exception {
        Path config = Files.writeString(dir.resolve("node.yaml"), """
                logging:
                  level: warn
                  components:
                    node: info
                    coap: info
                    mesh: error
                """);
        try (NodeProcess node = NodeProcess.start(dir.resolve("data"), false, "--config", config.toString(),
                "--log-level", "mesh=info")) {
            node.await("/health", doc -> "up".equals(doc.get("status")));
            String log = node.log();
            assertTrue(log.contains("INFO Node - event=started"), log);
            assertTrue(log.contains("event=listening scheme=coap"), log);
            assertTrue(log.contains("event=mesh_listening"), "the command line's mesh=info wins over the config:\n" + log);
            assertFalse(log.contains("event=rewards-started"), "rewards stays at the config's warn:\n" + log);
            assertFalse(log.contains("event=storage"), log);
        }

        NodeProcess.Result wrong = NodeProcess.runToEnd(List.of("run", "--data-dir", dir.resolve("other").toString(),
                "--log-level", "mesh=loud"));
        assertEquals(2, wrong.exitCode(), wrong.stderr());
        assertTrue(wrong.stderr().contains("option --log-level: unknown level 'loud'"), wrong.stderr());
    }
}
