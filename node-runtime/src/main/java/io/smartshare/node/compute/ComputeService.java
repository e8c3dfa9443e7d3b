package io.smartshare.node.compute;

import io.smartshare.hal.config.ConfigMap;
import io.smartshare.node.lifecycle.Activation;
import io.smartshare.node.lifecycle.NodeContext;
import io.smartshare.node.lifecycle.NodeService;
import io.smartshare.node.lifecycle.ServiceConfig;
import io.smartshare.node.mesh.coap.MeshView;
import io.smartshare.node.mesh.coap.NeighborAddresses;
import io.smartshare.node.mesh.coap.PeerLink;
import io.smartshare.node.mesh.coap.PeerRequests;
import io.smartshare.node.scheduling.PeriodicTask;
import io.smartshare.node.scheduling.WorkerThreads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compute sharing (docs/compute.md): this node runs neighbours' WebAssembly jobs in a sandbox,
 * metered by instructions and held to the board's CPU share cap ({@link ProviderJobs}, {@link
 * ProviderResource}, {@link WasmSandbox}), and has its operator's jobs run and verified on
 * others ({@link ComputeConsumer}, command {@code /compute/owned/run}). Its counters feed the
 * meter as {@code cpu} ({@link ComputeMeter}). Section {@code compute:} of the operator
 * config: {@code max-module-kb} (256), {@code max-input-kb} (256), {@code max-output-kb} (64),
 * {@code max-memory-pages} (32, i.e. 2 MiB), {@code max-fuel} (10^10 instructions), {@code
 * queue} (4 jobs receiving, queued or running) for what it takes from others; {@code copies}
 * (2: the provider and one verifier), {@code price-per-million} (µT per million instructions
 * it offers, 1) and {@code wait-seconds} (600) for its own jobs. Threads: one for job data on
 * disk, one that runs jobs, one for the operator's jobs, each only while it has work.
 */
public final class ComputeService implements NodeService {
    private static final Logger LOG = LoggerFactory.getLogger(ComputeService.class);
    private static final String DIRECTORY = "compute";

    private final UnaryOperator<JobRunner> runners;
    private ProviderJobs.Limits limits;
    private int maxOutputBytes;
    private int copies;
    private long pricePerMillion;
    private long waitMillis;
    private final List<PeriodicTask> tasks = new ArrayList<>();
    private final WorkerThreads threads = new WorkerThreads();

    /** The service as installed: jobs run in {@link WasmSandbox}. */
    public ComputeService() {
        this(UnaryOperator.identity());
    }

    /** The service with the provider's runner wrapped by {@code runners} (test doubles of a dishonest provider). */
    ComputeService(UnaryOperator<JobRunner> runners) {
        this.runners = runners;
    }

    @Override
    public String name() {
        return "compute";
    }

    /** Providers and consumers meet through the mesh, as storage holders and owners do. */
    @Override
    public Set<String> needs() {
        return Set.of("mesh");
    }

    @Override
    public Activation configure(ServiceConfig config) {
        ConfigMap section = config.section();
        long moduleKb = section.optionalInteger("max-module-kb", 1, 16_384).orElse(256L);
        long inputKb = section.optionalInteger("max-input-kb", 0, 16_384).orElse(256L);
        maxOutputBytes = (int) (1024 * section.optionalInteger("max-output-kb", 1, 16_384).orElse(64L));
        long pages = section.optionalInteger("max-memory-pages", 1, 65_536).orElse(32L);
        long fuel = section.optionalInteger("max-fuel", 1, Long.MAX_VALUE).orElse(10_000_000_000L);
        long queue = section.optionalInteger("queue", 1, 64).orElse(4L);
        limits = new ProviderJobs.Limits(moduleKb * 1024, inputKb * 1024, (int) pages, fuel, (int) queue);
        copies = (int) (long) section.optionalInteger("copies", 2, 4).orElse(2L);
        pricePerMillion = section.optionalInteger("price-per-million", 0, Long.MAX_VALUE).orElse(1L);
        waitMillis = 1000 * section.optionalInteger("wait-seconds", 1, 86_400).orElse(600L);
        return Activation.run();
    }

    @Override
    public void start(NodeContext context) throws Exception {
        LongSupplier clock = System::currentTimeMillis;
        Path dir = context.dataDir().resolve(DIRECTORY);
        int cap = context.board().spec().cpu().shareCapPercent();
        int cores = Runtime.getRuntime().availableProcessors();
        Optional<NeighborAddresses> neighbors = context.find(MeshView.class).map(MeshView::addresses);
        ThreadPoolExecutor io = threads.single("compute-io", 16, Thread.NORM_PRIORITY);
        ThreadPoolExecutor runs = threads.single("compute-job", limits.queue(), Thread.MIN_PRIORITY);
        ThreadPoolExecutor own = threads.single("compute-consumer", 4, Thread.MIN_PRIORITY);
        InstructionTotals provided = InstructionTotals.open(dir.resolve("provided.cbor"));
        InstructionTotals verified = InstructionTotals.open(dir.resolve("verified.cbor"));
        JobRunner sandbox = new WasmSandbox(limits.maxModuleBytes(), maxOutputBytes, CpuShare.of(cap, cores));
        ProviderJobs jobs = ProviderJobs.open(dir, limits, context.identity(), runners.apply(sandbox), runs, clock,
                provided);
        OwnedJobs owned = OwnedJobs.open(dir, clock.getAsLong());
        PeerLink link = new PeerLink(context.coap().coapEndpoint(), neighbors);
        ComputeConsumer consumer = new ComputeConsumer(context.identity(), context.ledger(), link,
                new WasmSandbox(limits.maxModuleBytes(), maxOutputBytes, CpuShare.of(cap, cores)), owned, verified,
                new ComputeConsumer.Terms(pricePerMillion, copies, waitMillis, limits.maxModuleBytes(),
                        limits.maxInputBytes()), clock);
        ComputeDocument document = new ComputeDocument(jobs, owned, verified, limits, cap,
                CpuShare.of(cap, cores).share());
        ProviderResource resource = new ProviderResource(jobs, context.identity().publicKey(),
                new PeerRequests("compute", neighbors, context.writers(), io), document::document);
        resource.add(ComputeCommands.resource(new ComputeCommands(consumer, own), context.writers()));
        context.coap().root().add(resource);
        context.addCounters(new ComputeMeter(provided, verified));
        context.addMetrics("compute", document::metrics);
        tasks.add(context.scheduler().every("compute", () -> Duration.ofSeconds(10), jobs::expire));
        LOG.info("event=compute-started dir={} share-cap-percent={} cores={} queue={} jobs={} owned={}", dir, cap, cores,
                limits.queue(), jobs.all().size(), owned.all().size());
    }

    @Override
    public void stop() throws Exception {
        tasks.forEach(PeriodicTask::cancel);
        threads.stop();
    }
}
