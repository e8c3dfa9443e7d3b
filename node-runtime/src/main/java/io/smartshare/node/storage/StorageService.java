package io.smartshare.node.storage;

import io.smartshare.contracts.metering.MeterKey;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.metering.Role;
import io.smartshare.contracts.storage.StoragePrice;
import io.smartshare.hal.config.ConfigMap;
import io.smartshare.ledger.identity.StorageKeyFile;
import io.smartshare.node.lifecycle.Activation;
import io.smartshare.node.lifecycle.NodeContext;
import io.smartshare.node.lifecycle.NodeService;
import io.smartshare.node.lifecycle.ServiceConfig;
import io.smartshare.node.mesh.coap.MeshView;
import io.smartshare.node.mesh.coap.NeighborAddresses;
import io.smartshare.node.scheduling.PeriodicTask;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.eclipse.californium.core.CoapResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Storage sharing (docs/storage.md): this node keeps neighbours' encrypted contents within
 * its share of the board's storage and answers their audits ({@link HeldContents}, {@link
 * HolderResource}), and stores its own operator's files on others ({@link OwnerTransfers},
 * {@link Auditor}, commands under {@code /storage/owned}). Its counters feed the meter:
 * {@code storage} provided to each owner for the time its contents were held complete,
 * consumed from each holder for the time audits proved. Section {@code storage:} of the
 * operator config: {@code quota-mb} (this node's share, at most the board's {@code
 * storage.quota-mb}, which is the default), {@code audit-seconds} (the audit interval this
 * node proposes, default 3600) and {@code price-rate} / {@code price-unit} (what it offers
 * holders: rate µT per unit byte-hours, default 1 per 10^9). Threads: one for the holder's
 * disk work and one for the owner's transfers, each only while it has work.
 */
public final class StorageService implements NodeService {
    private static final Logger LOG = LoggerFactory.getLogger(StorageService.class);
    static final long DEFAULT_AUDIT_SECONDS = 3_600;
    private static final int QUEUE = 16;

    private long shareBytes;
    private long auditSeconds;
    private StoragePrice price;
    private final List<PeriodicTask> tasks = new ArrayList<>();
    private final List<ThreadPoolExecutor> threads = new ArrayList<>();

    @Override
    public String name() {
        return "storage";
    }

    /** Holders and owners meet through the mesh: requests are taken from neighbours and relayed by them. */
    @Override
    public Set<String> needs() {
        return Set.of("mesh");
    }

    @Override
    public Activation configure(ServiceConfig config) {
        ConfigMap section = config.section();
        long boardQuota = config.board().storage().quotaBytes();
        shareBytes = section.optionalInteger("quota-mb", 0, boardQuota / 1_000_000).map(mb -> mb * 1_000_000)
                .orElse(boardQuota);
        auditSeconds = section.optionalInteger("audit-seconds", 1, 30L * 86_400).orElse(DEFAULT_AUDIT_SECONDS);
        price = new StoragePrice(section.optionalInteger("price-rate", 1, Long.MAX_VALUE).orElse(1L),
                section.optionalInteger("price-unit", 1, Long.MAX_VALUE).orElse(1_000_000_000L));
        return Activation.run();
    }

    @Override
    public void start(NodeContext context) throws Exception {
        LongSupplier clock = System::currentTimeMillis;
        Path heldDir = context.board().spec().storage().resolve(context.dataDir());
        HeldContents held = HeldContents.open(heldDir, shareBytes, clock);
        OwnedContents owned = OwnedContents.open(context.dataDir());
        Optional<NeighborAddresses> neighbors = context.find(MeshView.class).map(MeshView::addresses);
        ThreadPoolExecutor worker = thread("storage-held");
        ThreadPoolExecutor transfer = thread("storage-transfer");
        HolderLink link = new HolderLink(context.coap().coapEndpoint(), neighbors);
        byte[] key = StorageKeyFile.loadOrCreate(context.dataDir().resolve(StorageKeyFile.FILE_NAME), new SecureRandom());
        OwnerTransfers transfers = new OwnerTransfers(context.identity(), context.ledger(), owned, link, key, price, clock);
        Auditor auditor = new Auditor(context.identity(), context.ledger(), owned, Auditor.over(link), worker,
                context.scheduler().timer(), clock, Auditor.DEADLINE_MILLIS);
        HolderResource resource = new HolderResource(held, context.identity(), context.ledger(), neighbors,
                context.writers()::permits, worker, clock);
        StorageDocument document = new StorageDocument(held, shareBytes, owned, transfers, auditor, clock);
        CoapResource commands = OwnerCommands.resource(new OwnerCommands(owned, transfers, auditor, transfer,
                auditSeconds), context.writers());
        resource.add(commands);
        resource.setDocument(document::document);
        context.coap().root().add(resource);
        context.addCounters(at -> counters(held, owned, at));
        context.addMetrics("storage", document::metrics);
        tasks.add(context.scheduler().every("storage-audits", () -> Duration.ofSeconds(1), auditor::tick));
        tasks.add(context.scheduler().every("storage-uploads", () -> Duration.ofSeconds(10),
                () -> OwnerCommands.resumeUploads(owned, transfers, transfer)));
        tasks.add(context.scheduler().everyBlocking("storage-terms", () -> Duration.ofMinutes(1),
                () -> held.expire(clock.getAsLong()).forEach(id -> LOG.info(
                        "event=storage-ended role=holder id={} reason=\"term over\"", id))));
        LOG.info("event=storage-started dir={} share-bytes={} held={} owned={}", heldDir, shareBytes,
                held.agreements().size(), owned.all().size());
    }

    /** The meter's {@code storage} counters: provided per owner, consumed per holder, in megabyte-seconds. */
    static Map<MeterKey, Long> counters(HeldContents held, OwnedContents owned, long atMillis) {
        Map<MeterKey, Long> counters = new HashMap<>();
        held.heldByteMillis(atMillis).forEach((owner, byteMillis) -> {
            long mbs = byteMillis.divide(BigInteger.valueOf(1_000_000_000L)).min(BigInteger.valueOf(Long.MAX_VALUE))
                    .longValue();
            if (mbs > 0) {
                counters.put(new MeterKey(owner, Resource.STORAGE, Role.PROVIDED), mbs);
            }
        });
        owned.paid().forEach((holder, mbs) -> {
            if (mbs > 0) {
                counters.put(new MeterKey(holder, Resource.STORAGE, Role.CONSUMED), mbs);
            }
        });
        return counters;
    }

    private ThreadPoolExecutor thread(String name) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                r -> new Thread(r, name));
        executor.allowCoreThreadTimeOut(true);
        threads.add(executor);
        return executor;
    }

    @Override
    public void stop() throws Exception {
        tasks.forEach(PeriodicTask::cancel);
        for (ThreadPoolExecutor executor : threads) {
            executor.shutdownNow();
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
