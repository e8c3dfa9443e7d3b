package io.smartshare.node.telemetry;

import io.smartshare.hal.config.ConfigMap;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.daemon.Version;
import io.smartshare.node.beacon.BeaconView;
import io.smartshare.node.events.Subscriber;
import io.smartshare.node.fleet.FleetView;
import io.smartshare.node.lifecycle.Activation;
import io.smartshare.node.lifecycle.NodeContext;
import io.smartshare.node.lifecycle.NodeService;
import io.smartshare.node.lifecycle.ServiceConfig;
import io.smartshare.node.lifecycle.ServiceOffException;
import io.smartshare.node.mesh.coap.MeshChange;
import io.smartshare.node.mesh.coap.MeshView;
import io.smartshare.node.rewards.RewardsEvent;
import io.smartshare.node.rewards.RewardsView;
import io.smartshare.node.scheduling.PeriodicTask;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.SocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fleet telemetry over MQTT (docs/mqtt.md): the node publishes its status (retained, with a
 * last will), its {@code /metrics} and {@code /rewards} documents every {@code
 * metrics-seconds}, the fleet summaries of itself and of the mesh members below it (when it
 * is their gateway) as they change, the shard beacon's closed epochs (retained, under the
 * shard's topic) when the beacon runs, and its mesh and rewards events to the broker its operator config names, through an {@link Outbox} on disk
 * that keeps what the broker has not acknowledged, across a dead broker and restarts. The
 * uplink is read-only: the node subscribes to nothing. Section {@code mqtt:} of the operator
 * config: {@code host} (no host: the service is off), {@code port} (1883), {@code username}
 * and {@code password} (none), {@code tls-ca-file} (TLS, trusting that CA only), {@code
 * tls-cert-file} and {@code tls-key-file} (a client certificate), {@code publish-from} ({@code gateways}, the default: only a node
 * that shares an uplink; or {@code every-node}), {@code metrics-seconds} (60) and {@code
 * outbox-kb} (1024).
 */
public final class MqttService implements NodeService {
    private static final Logger LOG = LoggerFactory.getLogger(MqttService.class);
    static final String DIRECTORY = "mqtt";

    private String brokerUri;
    private boolean gatewaysOnly;
    private Optional<String> username;
    private Optional<byte[]> password;
    private Optional<Path> tlsCa;
    private Optional<Path> tlsCert;
    private Optional<Path> tlsKey;
    private long metricsSeconds;
    private long outboxBytes;
    private Outbox outbox;
    private BrokerLink link;
    private Thread thread;
    private PeriodicTask metrics;
    private Subscriber<Object> events;
    private NodeContext context;
    private final AtomicLong metricsSent = new AtomicLong();
    /** The latest beacon epoch published (only the scheduler's thread reads and writes it). */
    private long beaconEpoch = -1;

    @Override
    public String name() {
        return "mqtt";
    }

    /** After the services whose views and events it reports, when they run. */
    @Override
    public Set<String> after() {
        return Set.of("rewards", "mesh", "uplink", "storage", "compute", "fleet", "beacon");
    }

    @Override
    public Activation configure(ServiceConfig config) {
        ConfigMap section = config.section();
        Optional<String> host = section.optionalString("host");
        int port = (int) (long) section.optionalInteger("port", 1, 65_535).orElse(1883L);
        Optional<String> username = section.optionalString("username");
        Optional<byte[]> password = section.optionalString("password").map(p -> p.getBytes(StandardCharsets.UTF_8));
        String from = section.optionalChoice("publish-from", Set.of("gateways", "every-node")).orElse("gateways");
        tlsCa = section.optionalString("tls-ca-file").map(Path::of);
        tlsCert = section.optionalString("tls-cert-file").map(Path::of);
        tlsKey = section.optionalString("tls-key-file").map(Path::of);
        if (tlsCert.isPresent() != tlsKey.isPresent() || (tlsCert.isPresent() && tlsCa.isEmpty())) {
            throw section.invalid(tlsCert.isPresent() ? "tls-key-file" : "tls-cert-file",
                    "a client certificate needs tls-cert-file, tls-key-file and tls-ca-file together");
        }
        metricsSeconds = section.optionalInteger("metrics-seconds", 1, 86_400).orElse(60L);
        outboxBytes = 1024 * section.optionalInteger("outbox-kb", 16, 1_048_576).orElse(1024L);
        if (host.isEmpty()) {
            return Activation.off("no broker configured (mqtt.host)");
        }
        gatewaysOnly = from.equals("gateways");
        brokerUri = (tlsCa.isPresent() ? "ssl://" : "tcp://") + host.get() + ":" + port;
        this.username = username;
        this.password = password;
        return Activation.run();
    }

    @Override
    public void start(NodeContext nodeContext) throws IOException, ServiceOffException {
        // the mesh knows whether this node shares an uplink (--uplink or mesh.uplink-kbps)
        if (gatewaysOnly && nodeContext.find(MeshView.class).map(m -> m.uplinkKbps().isEmpty()).orElse(true)) {
            throw new ServiceOffException("mqtt.publish-from is gateways and this node shares no uplink");
        }
        this.context = nodeContext;
        String node = NodeId.of(context.identity().publicKey()).value();
        TelemetryTopics topics = new TelemetryTopics(node, context.board().spec().name(), Version.current(),
                System::currentTimeMillis);
        outbox = Outbox.open(context.dataDir().resolve(DIRECTORY), outboxBytes);
        Optional<SocketFactory> tls = tlsCa.isPresent()
                ? Optional.of(BrokerTls.socketFactory(tlsCa.get(), tlsCert, tlsKey)) : Optional.empty();
        link = new BrokerLink(new BrokerLink.Broker(brokerUri, node, username, password, tls), outbox, topics);
        thread = new Thread(link, "mqtt");
        thread.start();
        Optional<RewardsView> rewards = context.find(RewardsView.class);
        Optional<SummaryChanges> summaries = context.find(FleetView.class).map(SummaryChanges::new);
        Optional<BeaconView> beacon = context.find(BeaconView.class);
        metrics = context.scheduler().every("mqtt-metrics", () -> Duration.ofSeconds(metricsSeconds), () -> {
            queue(topics.metrics(), topics.metrics(metricsSent.incrementAndGet(), context.coap().metricsDocument()));
            rewards.ifPresent(r -> queue(topics.rewards(), topics.rewards(r.document().get())));
            summaries.ifPresent(s -> s.changed().forEach(m -> queue(topics.summary(m.node().value()),
                    topics.summary(m.document()))));
            beacon.ifPresent(b -> newest(b.closed().get()).stream().filter(c -> (Long) c.get("epoch") > beaconEpoch)
                    .forEach(c -> {
                        beaconEpoch = (Long) c.get("epoch");
                        queue(topics.beacon(b.shardId()), topics.beacon(b.shardId(), c), true);
                    }));
        });
        events = context.events().subscribe("mqtt", Object.class, event -> {
            if (event instanceof MeshChange change) {
                Map<String, Object> fields = TelemetryEvents.mesh(change);
                queue(topics.events(), topics.event(String.valueOf(fields.remove("event")), fields));
            } else if (event instanceof RewardsEvent reward) {
                queue(topics.events(), topics.event(reward.getClass().getSimpleName(), TelemetryEvents.rewards(reward)));
            }
        });
        context.addMetrics("mqtt", this::document);
        LOG.info("event=mqtt-started broker={} queued={} outbox-bytes={}", brokerUri, outbox.size(), outboxBytes);
    }

    private void queue(String topic, byte[] payload) {
        queue(topic, payload, false);
    }

    /** The closed epochs to look at: all of them once one was published, only the latest at the first tick. */
    private List<Map<String, Object>> newest(List<Map<String, Object>> closed) {
        return beaconEpoch >= 0 || closed.isEmpty() ? closed : closed.subList(closed.size() - 1, closed.size());
    }

    private void queue(String topic, byte[] payload, boolean retained) {
        try {
            outbox.add(topic, payload, retained);
        } catch (IOException e) {
            LOG.warn("event=mqtt-outbox-failed topic={} reason=\"{}\"", topic, e.getMessage());
        }
    }

    private Map<String, Object> document() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("broker", brokerUri);
        doc.put("connected", link.connected());
        doc.put("queued", outbox.size());
        doc.put("queued-bytes", outbox.bytes());
        doc.put("delivered", link.delivered());
        doc.put("dropped", outbox.dropped());
        doc.put("last-error", link.lastError());
        return doc;
    }

    @Override
    public void stop() throws Exception {
        if (metrics != null) {
            metrics.cancel();
        }
        if (events != null) {
            context.events().unsubscribe(events);
        }
        if (link != null) {
            link.stop();
            thread.interrupt();
            thread.join(5_000);
        }
        if (outbox != null) {
            outbox.close();
        }
    }
}
