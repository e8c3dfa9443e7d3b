package io.smartshare.node.coap;

import io.smartshare.hal.health.DriverHealth;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.config.NodeConfig;
import io.smartshare.node.config.PskIdentity;
import io.smartshare.node.config.SettingsStore;
import io.smartshare.node.scheduling.NodeScheduler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.util.ExecutorsUtil;
import org.eclipse.californium.elements.util.NamedThreadFactory;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's CoAP server: {@code coap://} always, {@code coaps://} (DTLS with the operator's
 * PSK identities) when any identity is configured, with the monitoring resources mounted.
 */
public final class NodeCoapServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeCoapServer.class);

    private final CoapServer server;
    private final ProtocolExecutor protocol;
    private final CoapEndpoint coap;
    private final Optional<CoapEndpoint> coaps;
    private final MetricsResource metrics;
    private final WriteAuthorization writers;
    private final Supplier<List<DriverHealth>> health;

    private NodeCoapServer(CoapServer server, ProtocolExecutor protocol, CoapEndpoint coap,
            Optional<CoapEndpoint> coaps, MetricsResource metrics, WriteAuthorization writers,
            Supplier<List<DriverHealth>> health) {
        this.server = server;
        this.protocol = protocol;
        this.coap = coap;
        this.coaps = coaps;
        this.metrics = metrics;
        this.writers = writers;
        this.health = health;
    }

    /** What the resources show about the node. */
    public record NodeFacts(NodeIdentity identity, String version, String board, Uptime uptime) {
    }

    /**
     * Where {@code /health} and {@code /metrics} read the node's state.
     *
     * @param health every component's state, read per request
     * @param services every service's state, read per request
     * @param sections the sections of {@code /metrics} besides the endpoints' (a live map)
     * @param scheduler runs the {@code /metrics} notifications
     */
    public record Monitoring(Supplier<List<DriverHealth>> health, Supplier<List<ServiceStatus>> services,
            Map<String, Supplier<Map<String, Object>>> sections, NodeScheduler scheduler) {
    }

    /**
     * Binds the endpoints and starts serving the monitoring resources, with Californium
     * configured by {@code cf}; services mount theirs on {@link #root()} later.
     *
     * @throws CoapStartException if a port cannot be bound (in use, no permission)
     * @param sharedPort let a multicast receiver bind the {@code coap://} port as well
     *     (SO_REUSEADDR; the mesh's group membership): a second process on the same port is
     *     then not refused
     */
    public static NodeCoapServer start(NodeConfig config, Configuration cf, boolean sharedPort, NodeFacts facts,
            SettingsStore settings, Monitoring monitoring) {
        CoapServer server = new CoapServer(cf);
        Map<String, Supplier<Map<String, Object>>> counters = new LinkedHashMap<>();
        ProtocolExecutor protocol = new ProtocolExecutor(cf.get(CoapConfig.PROTOCOL_STAGE_THREAD_COUNT),
                new NamedThreadFactory("coap-protocol#"));

        EndpointBounds coapBounds = new EndpointBounds(cf);
        GatedUdpConnector udp = DelayedUdpConnector.create(address(config, config.coapPort()), cf,
                receiver -> coapBounds.gate(receiver, protocol));
        udp.setReuseAddress(sharedPort);
        CoapEndpoint coap = CoapEndpoint.builder().setConfiguration(cf).setConnector(udp)
                .setMessageExchangeStore(coapBounds.exchangeStore("coap", cf))
                .setCoapStackFactory(coapBounds.stackFactory())
                .setOptionRegistry(HopLimitOption.REGISTRY).setLoggingTag("coap").build();
        counters.put("coap", attachCounters(coap, coapBounds));
        Optional<CoapEndpoint> coaps = Optional.empty();
        if (!config.pskIdentities().isEmpty()) {
            EndpointBounds coapsBounds = new EndpointBounds(cf);
            DtlsFailures handshakes = new DtlsFailures();
            CoapEndpoint secure = CoapEndpoint.builder().setConfiguration(cf).setLoggingTag("coaps")
                    .setMessageExchangeStore(coapsBounds.exchangeStore("coaps", cf))
                    .setCoapStackFactory(coapsBounds.stackFactory())
                    .setConnector(new DTLSConnector(dtlsConfig(cf, config, handshakes))).build();
            Supplier<Map<String, Object>> secureCounters = attachCounters(secure, coapsBounds);
            counters.put("coaps", () -> {
                Map<String, Object> doc = new LinkedHashMap<>(secureCounters.get());
                doc.put("handshakes-failed", handshakes.handshakesFailed());
                doc.put("bad-records", handshakes.badRecords());
                return doc;
            });
            coaps = Optional.of(secure);
        }

        ObserverQuota observers = new ObserverQuota(server.getRoot(), cf);
        server.setMessageDeliverer(observers);
        counters.put("observe", observers::toDocument);
        WriteAuthorization writers = new WriteAuthorization(config);
        MetricsResource metrics = new MetricsResource(facts.uptime(), counters, monitoring.sections(),
                () -> settings.current().metricsIntervalSeconds());
        server.add(new NodeResource(facts.identity(), facts.version(), facts.board(), facts.uptime(), settings),
                new HealthResource(monitoring.health(), monitoring.services()), metrics,
                new ConfigResource(settings, writers));

        // The server's executors are set before its endpoints are added, so that each endpoint
        // can be started (and a bind failure reported) on its own before the server runs.
        // Californium's timers run on the node's timer thread; both executors stay the node's to stop.
        server.setExecutors(protocol, monitoring.scheduler().timer(), true);
        server.addEndpoint(coap);
        coaps.ifPresent(server::addEndpoint);
        try {
            startEndpoint(coap, "coap", config);
            if (coaps.isPresent()) {
                startEndpoint(coaps.get(), "coaps", config);
            }
        } catch (CoapStartException e) {
            server.destroy();
            protocol.shutdownNow();
            throw e;
        }
        server.start();
        metrics.startNotifications(monitoring.scheduler());
        NodeCoapServer node = new NodeCoapServer(server, protocol, coap, coaps, metrics, writers,
                monitoring.health());
        LOG.info("event=listening scheme=coap port={}", node.coapPort());
        node.coapsPort().ifPresentOrElse(port -> LOG.info("event=listening scheme=coaps port={}", port),
                () -> LOG.info("event=coaps-disabled reason=\"no psk identities configured\""));
        return node;
    }

    /** Counts {@code endpoint}'s requests; its {@code /metrics} section shows them with its bounds. */
    private static Supplier<Map<String, Object>> attachCounters(CoapEndpoint endpoint, EndpointBounds bounds) {
        RequestCounters counters = new RequestCounters();
        endpoint.addInterceptor(bounds.size1Guard());
        endpoint.addInterceptor(counters);
        return () -> {
            Map<String, Object> doc = new LinkedHashMap<>(counters.toDocument());
            doc.putAll(bounds.toDocument());
            return doc;
        };
    }

    private static void startEndpoint(CoapEndpoint endpoint, String scheme, NodeConfig config) {
        try {
            endpoint.start();
        } catch (IOException e) {
            int port = scheme.equals("coap") ? config.coapPort() : config.coapsPort();
            throw new CoapStartException("cannot listen for " + scheme + ":// on UDP "
                    + config.bindAddress().orElse("*") + ":" + port + ": " + e.getMessage()
                    + " (is another node running? use --" + scheme + "-port to pick another port)", e);
        }
    }

    private static InetSocketAddress address(NodeConfig config, int port) {
        return config.bindAddress().map(host -> new InetSocketAddress(host, port))
                .orElseGet(() -> new InetSocketAddress(port));
    }

    private static DtlsConnectorConfig dtlsConfig(Configuration cf, NodeConfig config, DtlsFailures handshakes) {
        AdvancedMultiPskStore store = new AdvancedMultiPskStore();
        for (PskIdentity identity : config.pskIdentities()) {
            store.setKey(identity.identity(), identity.key());
        }
        return DtlsConnectorConfig.builder(cf)
                .setAddress(address(config, config.coapsPort()))
                .setAdvancedPskStore(store)
                .setSessionListener(handshakes)
                .setConnectionListener(handshakes)
                .setLoggingTag("coaps")
                .build();
    }

    /** Californium's configuration of both endpoints. */
    public Configuration configuration() {
        return server.getConfig();
    }

    /**
     * Whether the server's protocol stage (the threads that answer requests) runs a task within
     * {@code timeout}: what the node's liveness beat checks.
     */
    public boolean answers(Duration timeout) throws InterruptedException {
        try {
            protocol.submit(() -> { }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            return false;
        }
    }

    /** The document {@code GET /metrics} answers now, for services that report it elsewhere (MQTT). */
    public Map<String, Object> metricsDocument() {
        return metrics.document(QueryParameters.none());
    }

    /** Every component's state now, as {@code /health} shows them (the fleet summary reads it). */
    public List<DriverHealth> components() {
        return health.get();
    }

    /** Who may change state over {@code coaps://}: the identities of the config with may-write-config. */
    public WriteAuthorization writers() {
        return writers;
    }

    /** The {@code coap://} endpoint, for the mesh to send from. */
    public CoapEndpoint coapEndpoint() {
        return coap;
    }

    /** The resource tree's root, where services mount their resources. */
    public Resource root() {
        return server.getRoot();
    }

    /** The UDP port {@code coap://} listens on. */
    public int coapPort() {
        return coap.getAddress().getPort();
    }

    /** The UDP port {@code coaps://} listens on, if DTLS is enabled. */
    public Optional<Integer> coapsPort() {
        return coaps.map(endpoint -> endpoint.getAddress().getPort());
    }

    /** Stops accepting requests, then releases sockets and threads. */
    @Override
    public void close() {
        metrics.stopNotifications();
        server.stop();
        server.destroy();
        ExecutorsUtil.shutdownExecutorGracefully(2000, protocol);
    }
}
