package io.smartshare.node.daemon;

import static io.smartshare.node.testing.InProcessCoap.freePort;
import static io.smartshare.node.testing.InProcessCoap.get;
import static io.smartshare.node.testing.SeededIdentities.identity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.hal.config.ConfigException;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.lifecycle.Activation;
import io.smartshare.node.lifecycle.NodeContext;
import io.smartshare.node.lifecycle.NodeService;
import io.smartshare.node.lifecycle.RunOptions;
import io.smartshare.node.lifecycle.ServiceConfig;
import io.smartshare.node.lifecycle.ServiceStartException;
import io.smartshare.node.testing.JsonDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service seam, used as a new service would use it: {@link ProbeService} (test sources
 * only) is added to the installed services of a real node, which is started in this process.
 */
class AddedServiceIT {
    private static final NodeIdentity PEER = identity(0x33);

    @TempDir
    Path dir;

    private RunOptions options(int port, String config) throws Exception {
        Path file = Files.writeString(dir.resolve("node.yaml"), config);
        return new RunOptions("sim", Optional.of(dir.resolve("data")), Optional.of(port), Optional.empty(),
                Optional.of(file), Optional.empty(), List.of(), Optional.empty());
    }

    private static List<NodeService> installedAnd(NodeService extra) {
        List<NodeService> services = new ArrayList<>(Services.installed());
        services.add(extra);
        return services;
    }

    @Test
    void aNewServiceBringsItsConfigResourceCountersMetricsAndEventsWithoutEditingTheNode() throws Exception {
        int port = freePort();
        RunOptions options = options(port, """
                settings:
                  metering-interval-seconds: 1
                rewards:
                  receipt-interval-seconds: 1
                probe:
                  greeting: hello
                """);
        try (Node node = Node.start(options, ProbeService.withInstalled(PEER.publicKey()))) {
            Map<String, Object> probe = await(port, "probe", doc -> JsonDocument.number(doc, "appended") >= 1
                    && JsonDocument.object(doc, "seen").containsKey("MeteredInterval"));
            assertEquals("hello", probe.get("greeting"));
            Map<String, Object> seen = JsonDocument.object(probe, "seen");
            assertTrue(seen.containsKey("Appended"), seen.toString()); // mesh events: NodeMeshBleIT

            Map<String, Object> health = get(port, "health");
            List<Map<String, Object>> services = JsonDocument.list(health, "services");
            assertTrue(services.contains(Map.of("name", "probe", "state", "running")), services.toString());
            assertTrue(JsonDocument.<Map<String, Object>>list(health, "components").stream()
                    .anyMatch(c -> "probe".equals(c.get("component"))), health.toString());
            assertTrue(JsonDocument.number(JsonDocument.object(get(port, "metrics"), "probe"), "appended") >= 1);

            String peer = NodeId.of(PEER.publicKey()).value();
            await(port, "rewards", doc -> doc.containsKey("last-interval")
                    && JsonDocument.<Map<String, Object>>list(JsonDocument.object(doc, "last-interval"), "increase")
                            .stream().anyMatch(row -> peer.equals(row.get("peer")) && "storage".equals(row.get("resource"))
                                    && "provided".equals(row.get("role"))));
        }
    }

    @Test
    void aKeyTheNewServiceDoesNotKnowStopsTheStartWithFileLineAndKey() throws Exception {
        RunOptions options = options(freePort(), "probe:\n  greeting: hello\n  greting: typo\n");
        ConfigException error = assertThrows(ConfigException.class,
                () -> Node.start(options, ProbeService.withInstalled(PEER.publicKey())));
        assertEquals(dir.resolve("node.yaml") + ":3: probe.greting: unknown key (did you mean 'greeting'?)", error.getMessage());
    }

    @Test
    void aServiceThatFailsToStartIsNamedAndNothingIsLeftRunning() throws Exception {
        int port = freePort();
        RunOptions options = options(port, "settings: {}\n");
        NodeService failing = new NodeService() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public java.util.Set<String> after() {
                return java.util.Set.of("rewards");
            }

            @Override
            public Activation configure(ServiceConfig config) {
                return Activation.run();
            }

            @Override
            public void start(NodeContext context) {
                throw new IllegalStateException("its device is missing");
            }

            @Override
            public void stop() {
            }
        };
        ServiceStartException error = assertThrows(ServiceStartException.class,
                () -> Node.start(options, installedAnd(failing)));
        assertEquals("service 'broken' failed to start: its device is missing", error.getMessage());
        try (Node again = Node.start(options)) {
            assertEquals("up", get(port, "health").get("status"), "the port and the data dir were released");
        }
    }

    private static Map<String, Object> await(int port, String path, Predicate<Map<String, Object>> done)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Map<String, Object> doc = get(port, path);
        while (!done.test(doc) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            doc = get(port, path);
        }
        assertTrue(done.test(doc), path + ": " + doc);
        return doc;
    }
}
