package io.smartshare.node.daemon;

import static io.smartshare.node.testing.InProcessCoap.freePort;
import static io.smartshare.node.testing.InProcessCoap.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.node.lifecycle.RunOptions;
import io.smartshare.node.testing.JsonDocument;
import io.smartshare.node.testing.SeededIdentities;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two daemons on the sim board in one process (so their sim BLE radios share the medium),
 * reaching each other over IP by configured peers: each runs the mesh over IP and BLE, says
 * so in {@code /health}, and knows the other as one neighbour with both link addresses; the
 * mesh's changes reach a service subscribed to the event bus ({@link ProbeService}).
 */
class NodeMeshBleIT {
    @TempDir
    Path dir;

    @Test
    void simBoardRunsTheMeshOverIpAndBleAndShowsBothLinksOfTheNeighbour() throws Exception {
        int a = freePort();
        int b = freePort();
        try (Node gateway = Node.start(options("a", a, b, Optional.of(10_000L)),
                ProbeService.withInstalled(SeededIdentities.identity(0x33).publicKey()));
             Node other = Node.start(options("b", b, a, Optional.empty()))) {
            List<Map<String, Object>> components = JsonDocument.list(get(a, "health"), "components");
            assertTrue(components.stream().anyMatch(c -> "mesh-ble".equals(c.get("component")) && "up".equals(c.get("state"))),
                    components.toString());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            List<String> media = List.of();
            while (!media.equals(List.of("ip", "ble")) && System.nanoTime() < deadline) {
                Thread.sleep(200);
                media = liveMediaOfOnlyNeighbour(get(a, "mesh/neighbors"));
            }
            assertEquals(List.of("ip", "ble"), media, "gateway's neighbour links: " + get(a, "mesh/neighbors"));
            assertEquals("127.0.0.1:" + b, addressOfOnlyNeighbour(get(a, "mesh/neighbors")));
            Map<String, Object> seen = JsonDocument.object(get(a, "probe"), "seen");
            assertTrue(seen.containsKey("NeighborUp"), "the mesh publishes its changes on the event bus: " + seen);
        }
    }

    private static List<String> liveMediaOfOnlyNeighbour(Map<String, Object> doc) {
        List<Map<String, Object>> neighbors = JsonDocument.list(doc, "neighbors");
        if (neighbors.size() != 1) {
            return List.of();
        }
        List<Map<String, Object>> links = JsonDocument.list(neighbors.get(0), "links");
        return links.stream().filter(l -> Boolean.TRUE.equals(l.get("alive"))).map(l -> (String) l.get("medium")).toList();
    }

    private static String addressOfOnlyNeighbour(Map<String, Object> doc) {
        List<Map<String, Object>> neighbors = JsonDocument.list(doc, "neighbors");
        return (String) neighbors.get(0).get("address");
    }

    private RunOptions options(String name, int port, int peerPort, Optional<Long> uplinkKbps) {
        return new RunOptions("sim", Optional.of(dir.resolve(name)), Optional.of(port), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(new InetSocketAddress("127.0.0.1", peerPort)), uplinkKbps);
    }
}
