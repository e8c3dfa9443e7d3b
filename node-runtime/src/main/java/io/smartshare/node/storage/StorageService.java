package io.smartshare.node.storage;

import io.smartshare.contracts.storage.StoragePrice;
import io.smartshare.hal.board.StorageSpec;
import io.smartshare.hal.config.ConfigMap;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.identity.StorageKeyFile;
import io.smartshare.node.lifecycle.Activation;
import io.smartshare.node.lifecycle.NodeContext;
import io.smartshare.node.lifecycle.NodeService;
import io.smartshare.node.lifecycle.ServiceConfig;
import io.smartshare.node.mesh.coap.MeshView;
import io.smartshare.node.mesh.coap.NeighborAddresses;
import io.smartshare.node.mesh.coap.PeerLink;
import io.smartshare.node.scheduling.PeriodicTask;
import io.smartshare.node.scheduling.WorkerThreads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.LongSupplier;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
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

    private static final long MIB = 1L << 20;
    private long shareBytes;
    private long auditSeconds;
    private StoragePrice price;
    private final List<PeriodicTask> tasks = new ArrayList<>();
    private final WorkerThreads threads = new WorkerThreads();

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
        StorageSpec storage = config.board().storage();
        if (!storage.underDataDir() && !Files.isDirectory(Path.of(storage.path().orElseThrow()))) {
            // a disk the vendor mounts, not mounted: holding contents would fill the root file system
            return Activation.off("the board's shared directory " + storage.path().get()
                    + " does not exist (disk not mounted?); restart the node once it is");
        }
        long boardQuota = storage.quotaBytes();
        // MiB, as the board's storage.quota-mb
        shareBytes = section.optionalInteger("quota-mb", 0, boardQuota / MIB).map(mb -> mb * MIB).orElse(boardQuota);
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
        ThreadPoolExecutor worker = threads.single("storage-held", QUEUE, Thread.NORM_PRIORITY);
        ThreadPoolExecutor transfer = threads.single("storage-transfer", QUEUE, Thread.NORM_PRIORITY);
        PeerLink link = new PeerLink(context.coap().coapEndpoint(), neighbors);
        Path keyFile = context.dataDir().resolve(StorageKeyFile.FILE_NAME);
        OwnerTransfers transfers = new OwnerTransfers(context.identity(), context.ledger(), owned, link,
                () -> StorageKeyFile.loadOrCreate(keyFile, new SecureRandom()), price, clock);
        Auditor auditor = new Auditor(context.identity(), context.ledger(), owned, challenges(link), worker,
                context.scheduler().timer(), clock, Auditor.DEADLINE_MILLIS);
        StorageDocument document = new StorageDocument(held, shareBytes, owned, transfers, auditor, clock);
        HolderResource resource = new HolderResource(held, context.identity(), context.ledger(), neighbors,
                context.writers(), worker, clock, document);
        resource.add(OwnerCommands.resource(new OwnerCommands(owned, transfers, auditor, transfer, auditSeconds),
                context.writers()));
        context.coap().root().add(resource);
        context.addCounters(new StorageMeter(held, owned));
        context.addMetrics("storage", document::metrics);
        tasks.add(context.scheduler().every("storage", () -> StorageTicks.PERIOD,
                new StorageTicks(auditor, owned, transfers, transfer, held, worker, clock)));
        LOG.info("event=storage-started dir={} share-bytes={} held={} owned={}", heldDir, shareBytes,
                held.agreements().size(), owned.all().size());
    }

    /** Challenges go to {@code POST /storage/<id>/audit} of the holder, through the mesh if need be. */
    private static Auditor.Challenger challenges(PeerLink link) {
        return (terms, nonce, answer) -> {
            Request request = Request.newPost();
            request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_OCTET_STREAM);
            request.setPayload(nonce);
            link.sendAsync(NodeId.of(terms.holder()), request, List.of("storage", terms.idHex(), "audit"), answer);
        };
    }

    @Override
    public void stop() throws Exception {
        tasks.forEach(PeriodicTask::cancel);
        threads.stop();
    }
}
