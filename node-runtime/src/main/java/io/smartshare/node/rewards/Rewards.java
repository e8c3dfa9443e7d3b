package io.smartshare.node.rewards;

import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.config.RewardsConfig;
import io.smartshare.node.mesh.coap.NeighborAddresses;
import io.smartshare.node.mesh.forwarding.CarriageSnapshot;
import io.smartshare.node.metering.PeerMeter;
import io.smartshare.node.metering.ServiceCounters;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.core.server.resources.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Contracts wired into a running node: the per-peer meter, receipts exchanged with mesh
 * neighbours ({@code POST /receipts} as provider, a {@link ReceiptRound} every receipt
 * interval as consumer) and {@code GET /rewards}. {@link #close()} stops the rounds and
 * stores the meter.
 */
public final class Rewards implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Rewards.class);

    private final PeerMeter meter;
    private final ScheduledFuture<?> rounds;

    private Rewards(PeerMeter meter, ScheduledFuture<?> rounds) {
        this.meter = meter;
        this.rounds = rounds;
    }

    /** Where a node's rewards part plugs in. */
    public record Wiring(NodeIdentity identity, Ledger ledger, Path dataDir, Endpoint coapEndpoint, Resource root,
            ScheduledExecutorService timer) {
    }

    /**
     * Starts rewards on a running node.
     *
     * @param relay the mesh's carriage counts and neighbour addresses; empty without a mesh
     * @throws io.smartshare.hal.config.ConfigException if stored meter or receipt state is damaged
     */
    public static Rewards start(Wiring node, RewardsConfig config, Optional<Supplier<CarriageSnapshot>> relay,
            Optional<NeighborAddresses> neighbors) {
        long now = System.currentTimeMillis();
        PeerMeter meter = PeerMeter.open(node.dataDir(), relay.orElse(() -> new CarriageSnapshot(Map.of(), Map.of())),
                ServiceCounters.NONE, now);
        ReceiptDesk desk = ReceiptDesk.restore(node.ledger(), meter, config.tolerances());
        ReceiptRound round = new ReceiptRound(node.identity(), node.ledger(), meter, IssuedReceipts.open(node.dataDir()),
                neighbors, new ReceiptPoster(node.coapEndpoint()), now);
        node.root().add(new ReceiptsResource(desk, neighbors));
        node.root().add(new RewardsResource(config, desk, round, meter, node.dataDir()));
        int every = config.receiptIntervalSeconds();
        ScheduledFuture<?> rounds = node.timer().scheduleWithFixedDelay(round, every, every, TimeUnit.SECONDS);
        LOG.info("event=rewards-started receipt-interval-s={} schedule={} trusted-issuers={}", every,
                config.schedule().map(s -> "v" + s.schedule().version()).orElse("none"), config.trustedIssuers().size());
        return new Rewards(meter, rounds);
    }

    /** Stops the receipt rounds and stores the meter's totals. */
    @Override
    public void close() throws IOException {
        rounds.cancel(false);
        meter.save();
    }
}
