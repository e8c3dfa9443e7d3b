package io.smartshare.node.rewards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.node.testing.NodeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged per-peer meter in the data dir stops the node with the file, line and key, and changes nothing. */
class DamagedRewardsStateIT {
    @TempDir
    Path dir;

    @Test
    void damagedMeterFileStopsTheStartNamingTheServiceFileLineAndKey() throws Exception {
        Path meters = dir.resolve("meters.json");
        String damaged = "{\"peers\":[\n{\"id\":\"not-a-node-id\",\"provided-up\":1,\"provided-down\":0,"
                + "\"consumed-up\":0,\"consumed-down\":0}]}\n";
        Files.writeString(meters, damaged);

        NodeProcess.Result result = NodeProcess.runToEnd(List.of("run", "--data-dir", dir.toString(), "--coap-port", "0",
                "--coaps-port", "0"));

        assertEquals(3, result.exitCode(), "a service failed to start: " + result.stderr());
        assertTrue(result.stderr().contains("service 'rewards' failed to start: rewards state in the data dir is damaged: "
                + meters + ":2: peers[0].id"), result.stderr());
        assertEquals(damaged, Files.readString(meters), "the file is left for the operator");
    }
}
