package io.smartshare.node.beacon;

import io.smartshare.contracts.Sha256;
import io.smartshare.contracts.beacon.Beacons;
import io.smartshare.contracts.beacon.ResultLeaf;
import io.smartshare.contracts.beacon.ShardMembership;
import io.smartshare.contracts.schedule.VerifiedSchedule;
import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.lifecycle.Activation;
import io.smartshare.node.lifecycle.NodeContext;
import io.smartshare.node.lifecycle.NodeService;
import io.smartshare.node.lifecycle.ServiceConfig;
import io.smartshare.node.mesh.coap.MeshView;
import io.smartshare.node.mesh.coap.NeighborAddresses;
import io.smartshare.node.mesh.coap.PeerLink;
import io.smartshare.node.mesh.coap.PeerRequests;
import io.smartshare.node.rewards.RewardsView;
import io.smartshare.node.scheduling.PeriodicTask;
import io.smartshare.node.scheduling.WorkerThreads;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shard beacon (docs/beacon.md): every member submits its checkpoint and proven receipts
 * for each ended epoch, cosigns the beacon's log when it extends what it saw, and in its turn
 * closes epochs as the beacon. Section {@code beacon:} of the operator config: {@code
 * membership}, the file of the shard's signed member list (no file: the service is off),
 * trusted like the reward schedule through {@code rewards.trusted-issuers}; the epochs are
 * settled with {@code rewards.schedule}.
 */
public final class BeaconService implements NodeService {
    private static final Logger LOG = LoggerFactory.getLogger(BeaconService.class);
    static final String DIRECTORY = "beacon";

    private final BiFunction<NodeIdentity, Ledger, OwnSubmission> submissions;
    private final Function<EpochCloser.Parts, EpochCloser> closers;
    private final WorkerThreads threads = new WorkerThreads();
    private final List<PeriodicTask> tasks = new ArrayList<>();
    private Path membershipFile;
    private BeaconLog log;

    public BeaconService() {
        this(OwnSubmission::new, EpochCloser::new);
    }

    /** A beacon service whose submissions and closer are made by these (a test double's differ). */
    BeaconService(BiFunction<NodeIdentity, Ledger, OwnSubmission> submissions,
            Function<EpochCloser.Parts, EpochCloser> closers) {
        this.submissions = submissions;
        this.closers = closers;
    }

    @Override
    public String name() {
        return "beacon";
    }

    /** Members reach each other through the mesh; epochs are settled with the rewards service's schedule. */
    @Override
    public Set<String> needs() {
        return Set.of("mesh", "rewards");
    }

    @Override
    public Activation configure(ServiceConfig config) {
        Optional<Path> file = MembershipFile.path(config.section());
        if (file.isEmpty()) {
            return Activation.off("no shard membership configured (beacon.membership)");
        }
        membershipFile = file.get();
        return Activation.run();
    }

    @Override
    public void start(NodeContext context) throws IOException {
        RewardsView rewards = context.find(RewardsView.class).orElseThrow();
        ShardMembership membership = MembershipFile.verify(membershipFile, rewards.config().trustedIssuers());
        VerifiedSchedule schedule = rewards.config().schedule().orElseThrow(() -> new IOException(
                "the beacon settles epochs with the reward schedule: set rewards.schedule"));
        Ed25519PublicKey self = context.identity().publicKey();
        if (!membership.isMember(self)) {
            throw new IOException("this node (" + NodeId.of(self) + ") is not a member of shard " + membership.shardId()
                    + " (" + membershipFile + ")");
        }
        LongSupplier clock = System::currentTimeMillis;
        Path dir = context.dataDir().resolve(DIRECTORY);
        Optional<NeighborAddresses> neighbors = context.find(MeshView.class).map(MeshView::addresses);
        log = BeaconLog.open(dir.resolve("log"), Beacons.logOrigin(membership.shardId(), self), context.identity());
        Closures closures = Closures.open(dir.resolve("closed"));
        WitnessDesk witness = new WitnessDesk(context.identity(), membership, dir, clock);
        OwnSubmission own = submissions.apply(context.identity(), context.ledger());
        EpochCloser closer = closers.apply(new EpochCloser.Parts(self, membership, schedule, own, witness, log,
                closures, new BeaconCalls(new PeerLink(context.coap().coapEndpoint(), neighbors)),
                dir.resolve("evidence"), clock));
        ThreadPoolExecutor worker = threads.single("beacon", 16, Thread.NORM_PRIORITY);
        ThreadPoolExecutor closing = threads.single("beacon-close", 1, Thread.NORM_PRIORITY);
        LongSupplier lastEnded = () -> membership.epochAt(clock.getAsLong()) - 1;
        BeaconResource resource = new BeaconResource(() -> document(membership, lastEnded, closures, witness, closer),
                new BeaconResource.Parts(self, membership.shardId(), lastEnded, own, witness, closures, log,
                        new PeerRequests("beacon", neighbors, context.writers(), worker)));
        context.coap().root().add(resource);
        tasks.add(context.scheduler().every("beacon", () -> Duration.ofSeconds(1), () -> {
            if (closing.getActiveCount() == 0 && closing.getQueue().isEmpty()) {
                closing.execute(closer::tick);
            }
        }));
        context.addMetrics("beacon", () -> document(membership, lastEnded, closures, witness, closer));
        context.provide(BeaconView.class, new BeaconView(membership.shardId(), () -> published(membership, closures)));
        LOG.info("event=beacon-started shard={} members={} quorum={} epoch-seconds={} log-size={} closed={}",
                membership.shardId(), membership.members().size(), membership.quorum(), membership.epochSeconds(),
                log.size(), closures.count());
    }

    private Map<String, Object> document(ShardMembership membership, LongSupplier lastEnded, Closures closures,
            WitnessDesk witness, EpochCloser closer) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("shard", membership.shardId());
        doc.put("membership-version", membership.version());
        doc.put("members", membership.members().size());
        doc.put("quorum", membership.quorum());
        doc.put("epoch-seconds", membership.epochSeconds());
        long next = lastEnded.getAsLong() + 1;
        doc.put("epoch", next);
        doc.put("next-beacon", NodeId.of(membership.order(next).get(0)).value());
        doc.put("log-size", log.size());
        List<Object> closed = new ArrayList<>();
        closures.latest().forEach((epoch, c) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("epoch", epoch);
            row.put("beacon-log", c.note().origin());
            row.put("log-size", c.note().size());
            closed.add(row);
        });
        doc.put("epochs-closed", closures.count());
        doc.put("closed", closed);
        doc.put("submissions-refused", closer.refused());
        doc.put("equivocations", witness.equivocations());
        return doc;
    }

    /** The closed epochs as the MQTT service publishes them (docs/mqtt.md). */
    private static List<Map<String, Object>> published(ShardMembership membership, Closures closures) {
        List<Map<String, Object>> rows = new ArrayList<>();
        closures.latest().forEach((epoch, c) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("epoch", epoch);
            row.put("beacon-log", c.note().origin());
            row.put("log-size", c.note().size());
            row.put("root", c.note().root().hex());
            row.put("cosigners", membership.members().stream()
                    .filter(m -> c.note().isCosignedBy(Beacons.witnessName(m), m)).count());
            row.put("result-sha256", HexFormat.of().formatHex(Sha256.of(c.result())));
            row.put("members", ResultLeaf.decode(c.resultLeaf()).members());
            rows.add(row);
        });
        return rows;
    }

    @Override
    public void stop() throws Exception {
        tasks.forEach(PeriodicTask::cancel);
        threads.stop();
        if (log != null) {
            log.close();
        }
    }
}
