package io.smartshare.node.rewards;

import io.smartshare.node.coap.QueryParameters;
import io.smartshare.node.config.RewardsConfig;
import io.smartshare.node.lifecycle.NodeContext;
import io.smartshare.node.mesh.coap.MeshView;
import io.smartshare.node.mesh.coap.NeighborAddresses;
import io.smartshare.node.mesh.forwarding.CarriageMeter;
import io.smartshare.node.mesh.forwarding.CarriageSnapshot;
import io.smartshare.node.metering.PeerMeter;
import io.smartshare.node.scheduling.PeriodicTask;
import io.smartshare.node.uplink.RelayGate;
import io.smartshare.node.uplink.TunnelMeter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.core.server.resources.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Contracts wired into a running node: the per-peer meter, receipts exchanged with mesh
 * neighbours ({@code POST /receipts} as provider, a {@link ReceiptRound} every receipt
 * interval as consumer, on the node's {@code node-work} thread), payment channels ({@code /channels},
 * rebuilt from the ledger at start, priced ones paid after every receipt round by {@link
 * ChannelAutoPay}) and {@code GET /rewards}. The meter is stored whenever it drifted from its
 * stored copy ({@link PeerMeter#drifted()}, checked every second). Receipts, channel documents and
 * the operator's channel commands are checked and appended one at a time on one {@code
 * receipt-desk} thread with a bounded queue. {@link #close()} stops both and stores the meter.
 */
public final class Rewards implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Rewards.class);

    /** Work waiting for the desk beyond this is refused (5.03): each neighbour sends a few receipts per interval. */
    private static final int DESK_QUEUE = 32;

    /** The receipt tolerance a priced channel's amounts are checked with (docs/contracts.md §6.4). */
    private static final io.smartshare.contracts.metering.Resource RELAY_PRICE_TOLERANCE =
            io.smartshare.contracts.metering.Resource.RELAY_DOWN;

    private final PeerMeter meter;
    private final List<PeriodicTask> tasks;
    private final ExecutorService deskThread;

    private Rewards(PeerMeter meter, List<PeriodicTask> tasks, ExecutorService deskThread) {
        this.meter = meter;
        this.tasks = tasks;
        this.deskThread = deskThread;
    }

    /**
     * Starts rewards on a running node: the meter counts the mesh's carriage (when the mesh
     * runs) and every service's counters ({@link NodeContext#counters()}).
     *
     * @throws io.smartshare.hal.config.ConfigException if stored meter or receipt state is damaged
     */
    public static Rewards start(NodeContext node, RewardsConfig config) {
        long now = System.currentTimeMillis();
        Optional<MeshView> mesh = node.find(MeshView.class);
        mesh.ifPresent(m -> m.node().setRelayPrice(config.relayPrice()));
        Optional<NeighborAddresses> neighbors = mesh.map(MeshView::addresses);
        Supplier<CarriageSnapshot> coap = mesh.<Supplier<CarriageSnapshot>>map(m -> m.node()::carriage)
                .orElse(() -> new CarriageSnapshot(Map.of(), Map.of()));
        Optional<TunnelMeter> tunnel = node.find(TunnelMeter.class);
        Supplier<CarriageSnapshot> relay = tunnel.<Supplier<CarriageSnapshot>>map(t -> () -> coap.get().plus(t.get()))
                .orElse(coap);
        PeerMeter meter = PeerMeter.open(node.dataDir(), relay, node.counters(), now);
        Consumer<Object> events = node.events()::publish;
        ReceiptDesk desk = ReceiptDesk.empty(node.ledger(), meter, config.tolerances(), events);
        ChannelDesk channels = ChannelDesk.empty(node.ledger(), node.identity(), events);
        LedgerReplay.replay(node.ledger(), List.of(desk, channels));
        Endpoint endpoint = node.coap().coapEndpoint();
        ReceiptRound round = new ReceiptRound(node.identity(), node.ledger(), meter, IssuedReceipts.open(node.dataDir()),
                neighbors, new ReceiptPoster(endpoint), events, now);
        ExecutorService deskThread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(DESK_QUEUE), r -> new Thread(r, "receipt-desk"));
        Resource root = node.coap().root();
        root.add(new ReceiptsResource(desk, deskThread, neighbors, node.writers()::permits));
        RelayReadings readings = RelayReadings.of(meter);
        ChannelOperator operator = new ChannelOperator(channels, new ChannelPeer(endpoint, neighbors),
                readings, new SecureRandom());
        root.add(ChannelsResource.create(channels, operator, new ChannelInbox(channels, readings,
                config.tolerances().get(RELAY_PRICE_TOLERANCE), config.relayPrice()), node.writers(), deskThread,
                neighbors));
        EpochEarnings earnings = new EpochEarnings(node.identity().publicKey(), desk, meter, config.schedule(),
                node.dataDir());
        RewardsResource rewards = new RewardsResource(config, desk, round, channels, meter, node.dataDir(),
                earnings::now);
        root.add(rewards);
        node.provide(RewardsView.class, new RewardsView(() -> rewards.document(QueryParameters.none()),
                earnings::now, config));
        node.addMetrics("peer-meter", () -> {
            PeerMeter.PeerCounts peers = meter.peerCounts();
            return Map.of("peers", peers.metered(), "peers-unmetered", peers.unmetered(), "max-peers",
                    CarriageMeter.MAX_PEERS);
        });
        ChannelAutoPay autoPay = new ChannelAutoPay(channels, operator, readings, deskThread);
        int every = config.receiptIntervalSeconds();
        PeriodicTask rounds = node.scheduler().everyBlocking("receipt-round", () -> Duration.ofSeconds(every), () -> {
            round.run();
            autoPay.queue();
        });
        Optional<PeriodicTask> payment = node.find(RelayGate.class).map(gate -> {
            RelayPayment relayPayment = new RelayPayment(meter, desk, channels, gate, config.relayGraceBytes());
            return node.scheduler().everyBlocking("relay-payment", () -> RelayPayment.INTERVAL, relayPayment::run);
        });
        PeriodicTask meterSaves = node.scheduler().everyBlocking("meter-save", () -> Duration.ofSeconds(1),
                meter::drifted, () -> {
                    try {
                        meter.save();
                    } catch (IOException e) {
                        throw new UncheckedIOException("meters.json: " + e.getMessage(), e);
                    }
                });
        LOG.info("event=rewards-started receipt-interval-s={} schedule={} trusted-issuers={}", every,
                config.schedule().map(s -> "v" + s.schedule().version()).orElse("none"), config.trustedIssuers().size());
        List<PeriodicTask> tasks = new ArrayList<>(List.of(rounds, meterSaves));
        payment.ifPresent(tasks::add);
        return new Rewards(meter, tasks, deskThread);
    }

    /** Stops the receipt rounds, lets the receipt under check finish, and stores the meter's totals. */
    @Override
    public void close() throws IOException, InterruptedException {
        tasks.forEach(PeriodicTask::cancel);
        deskThread.shutdown();
        if (!deskThread.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("event=receipt-desk-stuck reason=\"a ledger append did not finish in 10 s\"");
        }
        meter.save();
    }
}
