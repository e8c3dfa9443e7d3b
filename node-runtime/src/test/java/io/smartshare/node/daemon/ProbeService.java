package io.smartshare.node.daemon;

import io.smartshare.contracts.metering.MeterKey;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.metering.Role;
import io.smartshare.hal.health.DriverHealth;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.node.events.Subscriber;
import io.smartshare.node.ledger.LedgerEvent;
import io.smartshare.node.lifecycle.Activation;
import io.smartshare.node.lifecycle.NodeContext;
import io.smartshare.node.lifecycle.NodeService;
import io.smartshare.node.lifecycle.ServiceConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * A service that exists only in the tests, added to a node without editing the daemon or
 * another service: it reads {@code probe.greeting} (default {@code hi}) from its config section, serves {@code
 * /probe}, counts the ledger's appends and every event by type from the event bus, meters storage provided to one
 * peer (growing by one unit per 10 ms), and shows itself in {@code /health} and {@code /metrics}.
 */
final class ProbeService implements NodeService {
    private final Ed25519PublicKey peer;
    private final AtomicLong appended = new AtomicLong();
    private final Map<String, Long> seen = new java.util.concurrent.ConcurrentHashMap<>();
    private String greeting;
    private Subscriber<LedgerEvent.Appended> subscription;
    private Subscriber<Object> everything;
    private NodeContext context;

    ProbeService(Ed25519PublicKey peer) {
        this.peer = peer;
    }

    /** The installed services and a probe metering storage for {@code peer}. */
    static List<NodeService> withInstalled(Ed25519PublicKey peer) {
        List<NodeService> services = new java.util.ArrayList<>(Services.installed());
        services.add(new ProbeService(peer));
        return services;
    }

    @Override
    public String name() {
        return "probe";
    }

    @Override
    public Activation configure(ServiceConfig config) {
        greeting = config.section().optionalString("greeting").orElse("hi");
        return Activation.run();
    }

    @Override
    public void start(NodeContext node) {
        context = node;
        node.coap().root().add(new CoapResource("probe") {
            @Override
            public void handleGET(CoapExchange exchange) {
                exchange.respond(ResponseCode.CONTENT, "{\"greeting\":\"" + greeting + "\",\"appended\":"
                        + appended.get() + ",\"seen\":" + io.smartshare.node.json.Json.write(new java.util.TreeMap<>(seen))
                        + "}", MediaTypeRegistry.APPLICATION_JSON);
            }
        });
        subscription = node.events().subscribe("probe", LedgerEvent.Appended.class, event -> appended.incrementAndGet());
        everything = node.events().subscribe("probe-all", Object.class,
                event -> seen.merge(event.getClass().getSimpleName(), 1L, Long::sum));
        long start = System.currentTimeMillis();
        node.addCounters(atMillis -> Map.of(new MeterKey(peer, Resource.STORAGE, Role.PROVIDED),
                1 + Math.max(0, atMillis - start) / 10));
        node.addMetrics("probe", () -> Map.of("appended", appended.get()));
    }

    @Override
    public List<DriverHealth> health() {
        return List.of(DriverHealth.up("probe", "test"));
    }

    @Override
    public void stop() {
        if (subscription != null) {
            context.events().unsubscribe(subscription);
            context.events().unsubscribe(everything);
        }
    }
}
