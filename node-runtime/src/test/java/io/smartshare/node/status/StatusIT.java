package io.smartshare.node.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.schedule.RateTerms;
import io.smartshare.contracts.schedule.RewardSchedule;
import io.smartshare.node.testing.InProcessCoap;
import io.smartshare.node.testing.JsonDocument;
import io.smartshare.node.testing.NodeLine;
import io.smartshare.node.testing.NodeProcess;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code smartshare-node status} against real node processes: n0 - n1 (the gateway), with a
 * signed reward schedule. The screen, {@code --json}, {@code --watch}, and a node that does not
 * answer. The screen is kept in {@code node-runtime/target/status-screen.txt}, as the operator
 * guide shows it.
 */
class StatusIT {
    @TempDir
    Path dir;

    @Test
    void oneScreenJsonAndWatch() throws Exception {
        RateTerms relay = new RateTerms(2000, 1_000_000, 300_000);
        RewardSchedule schedule = new RewardSchedule(1, 0, 500_000, Map.of(Resource.RELAY_UP, relay,
                Resource.RELAY_DOWN, relay));
        try (NodeLine line = NodeLine.startWithSchedule(dir, 2, schedule)) {
            String target = line.node(0).coapUri("");
            NodeProcess.Result status = NodeProcess.runToEnd(List.of("status", target));
            assertEquals(0, status.exitCode(), status.stderr());
            String screen = status.stdout();
            Files.writeString(Path.of("target", "status-screen.txt"), "$ smartshare-node status " + target + "\n"
                    + screen);
            for (String expected : List.of("node      " + line.id(0), "health    up", "services  ledger, metering",
                    "links     sim-wan    wan  up    in ", "cpu       system ", "storage   0 B used of a 256.0 MiB quota",
                    "mesh      attached, rank ", "route to the gateway via " + line.id(1),
                    "          " + line.id(1) + " up    ETX ", "(gateway)",
                    "earnings  this epoch: 0 µT (0.000000 tokens) (estimate, not settled; nothing signed by consumers yet)",
                    "          last settlement: none")) {
                assertTrue(screen.contains(expected), "missing '" + expected + "' in\n" + screen);
            }
            assertTrue(screen.contains("          beacon off: ") && screen.contains("          mqtt off: "), screen);

            NodeProcess.Result json = NodeProcess.runToEnd(List.of("status", "--json", target));
            assertEquals(0, json.exitCode(), json.stderr());
            Map<String, Object> view = JsonDocument.object(json.stdout().strip());
            Map<String, Object> mesh = JsonDocument.object(view, "mesh");
            assertEquals(line.id(1), mesh.get("parent"), json.stdout());
            assertEquals(line.id(0), JsonDocument.object(view, "node").get("id"));
            assertTrue(JsonDocument.object(view, "earnings").containsKey("estimate-micro-tokens"), json.stdout());
            List<Map<String, Object>> links = JsonDocument.list(view, "links");
            assertTrue(links.stream().anyMatch(l -> JsonDocument.number(l, "rx-bytes-per-second") > 0),
                    "the sim board's links carry traffic: " + links);

            Process watch = NodeProcess.launch(List.of("status", "--watch", target));
            try (BufferedReader out = new BufferedReader(new InputStreamReader(watch.getInputStream(),
                    StandardCharsets.UTF_8))) {
                int screens = 0;
                for (String l = out.readLine(); l != null && screens < 2; l = out.readLine()) {
                    if (l.contains("node      " + line.id(0))) {
                        screens++;
                        assertTrue(l.startsWith("\033[H\033[2J"), "each refresh clears the screen first");
                    }
                }
                assertEquals(2, screens, "--watch refreshes");
            } finally {
                watch.destroy();
                assertTrue(watch.waitFor(10, TimeUnit.SECONDS));
            }
        }
        NodeProcess.Result silent = NodeProcess.runToEnd(List.of("status", "coap://127.0.0.1:"
                + InProcessCoap.freePort()));
        assertEquals(1, silent.exitCode());
        assertTrue(silent.stderr().contains("smartshare-node status: no answer from coap://127.0.0.1:"), silent.stderr());
    }
}
