package io.smartshare.node.fleet;

import io.smartshare.hal.config.ConfigMap;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.daemon.Version;
import io.smartshare.node.lifecycle.Activation;
import io.smartshare.node.lifecycle.NodeContext;
import io.smartshare.node.lifecycle.NodeService;
import io.smartshare.node.lifecycle.ServiceConfig;
import io.smartshare.node.mesh.MeshNode;
import io.smartshare.node.mesh.coap.MeshView;
import io.smartshare.node.mesh.coap.PeerLink;
import io.smartshare.node.mesh.routing.DownwardRoute;
import io.smartshare.node.rewards.RewardsView;
import io.smartshare.node.scheduling.PeriodicTask;
import io.smartshare.node.scheduling.WorkerThreads;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet (docs/fleet.md): every node serves its own signed summary ({@code GET
 * /fleet/summary}); a gateway asks every member its mesh routes down to for theirs every
 * {@code poll-seconds}, shows them all in {@code GET /fleet}, offers them to the MQTT
 * service ({@link FleetView}) and, when the operator asks for it, serves the fleet page over
 * HTTP. Section {@code fleet:} of the operator config: {@code poll-seconds} (30), {@code
 * page-port} (no port: no page; 0 picks a free one and logs it) and {@code page-address}
 * ({@code 127.0.0.1}; the LAN address, or {@code 0.0.0.0}, to show it beyond the node).
 */
public final class FleetService implements NodeService {
    private static final Logger LOG = LoggerFactory.getLogger(FleetService.class);

    private long pollSeconds;
    private Optional<InetSocketAddress> page = Optional.empty();
    private final WorkerThreads threads = new WorkerThreads();
    private Optional<PeriodicTask> polls = Optional.empty();
    private Optional<FleetPage> served = Optional.empty();

    @Override
    public String name() {
        return "fleet";
    }

    /** After the services its summary reads: the mesh's position and links, the rewards' earnings. */
    @Override
    public Set<String> after() {
        return Set.of("mesh", "rewards");
    }

    @Override
    public Activation configure(ServiceConfig config) {
        ConfigMap section = config.section();
        pollSeconds = section.optionalInteger("poll-seconds", 1, 86_400).orElse(30L);
        String address = section.optionalString("page-address").orElse("127.0.0.1");
        page = section.optionalInteger("page-port", 0, 65_535).map(port -> new InetSocketAddress(address, (int) (long) port));
        if (page.isPresent() && page.get().isUnresolved()) {
            throw section.invalid("page-address", "'" + address + "' is not an address of this host");
        }
        return Activation.run();
    }

    @Override
    public void start(NodeContext context) throws IOException {
        LongSupplier clock = System::currentTimeMillis;
        Optional<MeshView> mesh = context.find(MeshView.class);
        OwnSummary own = new OwnSummary(context.identity(), context.board().spec().name(), Version.current(),
                context.coap()::components, mesh.map(MeshView::node),
                context.find(RewardsView.class).map(RewardsView::earnings), clock);
        PeerLink link = new PeerLink(context.coap().coapEndpoint(), mesh.map(MeshView::addresses));
        FleetRoster roster = new FleetRoster(own, FleetRoster.over(link, () -> mesh.map(m -> members(m.node()))
                .orElse(List.of())), clock);
        if (mesh.isPresent()) {
            Executor poller = threads.single("fleet-poll", 1, Thread.NORM_PRIORITY);
            polls = Optional.of(context.scheduler().every("fleet-poll", () -> Duration.ofSeconds(pollSeconds), () -> {
                try {
                    poller.execute(roster::poll);
                } catch (RejectedExecutionException e) {
                    LOG.debug("event=fleet-poll-skipped reason=\"the last round is still running\"");
                }
            }));
        }
        NodeId self = NodeId.of(context.identity().publicKey());
        FleetDocument document = new FleetDocument(self, roster, clock);
        context.coap().root().add(new FleetResource(document::document, own));
        context.provide(FleetView.class, new FleetView(roster::members));
        context.addMetrics("fleet", () -> {
            Map<String, Object> doc = new LinkedHashMap<>(roster.counters());
            served.ifPresent(p -> doc.put("page-port", p.port()));
            return doc;
        });
        if (page.isPresent()) {
            try {
                served = Optional.of(FleetPage.start(page.get(), document::document));
            } catch (IOException e) {
                throw new IOException("cannot serve the fleet page on " + page.get().getHostString() + ":"
                        + page.get().getPort() + ": " + e.getMessage() + " (fleet.page-port, fleet.page-address)", e);
            }
            LOG.info("event=fleet-page url=http://{}:{}/", page.get().getHostString(), served.get().port());
        }
        LOG.info("event=fleet-started poll-seconds={} page={}", pollSeconds, served.isPresent() ? "on" : "off");
    }

    /** A gateway's members: every node its routes reach down to. Other nodes report only themselves. */
    private static List<NodeId> members(MeshNode mesh) {
        if (!mesh.position().gateway()) {
            return List.of();
        }
        return mesh.routes().downward().stream().map(DownwardRoute::target).toList();
    }

    @Override
    public void stop() throws Exception {
        polls.ifPresent(PeriodicTask::cancel);
        if (served.isPresent()) {
            served.get().close();
        }
        threads.stop();
    }
}
