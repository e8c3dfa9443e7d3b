package io.smartshare.node.ledger;

import io.smartshare.hal.health.DriverHealth;
import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.Truncation;
import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.merkle.ConsistencyProof;
import io.smartshare.ledger.merkle.Hash;
import io.smartshare.ledger.merkle.InclusionProof;
import io.smartshare.ledger.record.Record;
import io.smartshare.ledger.record.RecordBody;
import io.smartshare.ledger.storage.LedgerFiles;
import io.smartshare.ledger.storage.StorageException;
import io.smartshare.node.scheduling.NodeScheduler;
import io.smartshare.node.scheduling.PeriodicTask;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's ledger as the rest of the node holds it: ledger-lite's log, which is fail-stop
 * (after a write error, a full disk included, it refuses every append until it is reopened),
 * reopened with recovery by itself once the disk has room again.
 *
 * <p>While the log has failed, {@link #health()} says so with the reason (the disk full, the
 * write that failed), {@link #writable()} is false (metering then keeps its baseline, so the
 * first sample after the outage covers it) and appends fail as they did; every {@value
 * #RETRY_SECONDS} s, if the data dir's file system has at least {@value #MIN_FREE_BYTES}
 * bytes free, the log is closed and opened again: recovery drops a partly written frame (never
 * an acknowledged record: those were synced before their futures completed) and appends
 * resume. Reads go to whichever log is current. Thread-safe.
 */
public final class HealingLedger implements Ledger {
    /** How often a failed log is tried again. */
    static final long RETRY_SECONDS = 5;
    /** Free space the data dir's file system needs before a failed log is reopened. */
    static final long MIN_FREE_BYTES = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(HealingLedger.class);

    private final Path dataDir;
    private final NodeIdentity identity;
    private volatile Ledger current;
    private volatile Optional<String> failure = Optional.empty();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong reopens = new AtomicLong();
    private PeriodicTask healer;
    private volatile Consumer<Object> events = event -> { };
    private final Object checkpointLock = new Object();
    private long lastCheckpointPublished = -1;

    private HealingLedger(Path dataDir, NodeIdentity identity, Ledger current) {
        this.dataDir = dataDir;
        this.identity = identity;
        this.current = current;
    }

    /**
     * Opens the ledger in {@code dataDir} as {@link LedgerFiles#open(Path, NodeIdentity)} does.
     *
     * @throws StorageException as {@link LedgerFiles#open(Path, NodeIdentity)}
     */
    public static HealingLedger open(Path dataDir, NodeIdentity identity) {
        return new HealingLedger(dataDir, identity, LedgerFiles.open(dataDir, identity));
    }

    /** Starts trying to reopen a failed log every {@value #RETRY_SECONDS} s, on {@code scheduler}'s work thread. */
    public synchronized void startHealing(NodeScheduler scheduler) {
        healer = scheduler.everyBlocking("ledger-reopen", () -> Duration.ofSeconds(RETRY_SECONDS),
                () -> failure.isPresent(), this::heal);
    }

    /**
     * From now on, hands {@code events} a {@link LedgerEvent.Appended} per durable record and a
     * {@link LedgerEvent.CheckpointSigned} per new checkpoint (noticed after the append or the
     * {@link #publishCheckpoint()} that made it).
     */
    public void publishTo(Consumer<Object> events) {
        this.events = events;
    }

    private void published(Record record) {
        events.accept(new LedgerEvent.Appended(record.seq(), record.body().getClass().getSimpleName()));
        current.latestCheckpoint().ifPresent(this::checkpointed);
    }

    private void checkpointed(SignedCheckpoint checkpoint) {
        synchronized (checkpointLock) {
            if (checkpoint.size() <= lastCheckpointPublished) {
                return;
            }
            lastCheckpointPublished = checkpoint.size();
        }
        events.accept(new LedgerEvent.CheckpointSigned(checkpoint.size(), checkpoint.root().hex()));
    }

    /** Whether appends can succeed now (false while the log has failed). */
    public boolean writable() {
        return failure.isEmpty();
    }

    /** {@code ledger} in {@code /health}: up, or degraded with the reason it failed. */
    public DriverHealth health() {
        return failure.map(reason -> DriverHealth.degraded("ledger", "ledger-lite", reason))
                .orElseGet(() -> DriverHealth.up("ledger", "ledger-lite"));
    }

    /** The ledger's state for {@code /metrics}. */
    public Map<String, Object> toDocument() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("state", failure.isEmpty() ? "up" : "failed");
        failure.ifPresent(reason -> doc.put("reason", reason));
        doc.put("size", size());
        doc.put("failures", failures.get());
        doc.put("reopens", reopens.get());
        return doc;
    }

    @Override
    public CompletableFuture<Record> append(RecordBody body) {
        return current.append(body).whenComplete((record, error) -> {
            if (error != null) {
                noteFailure(error);
            } else {
                published(record);
            }
        });
    }

    private void noteFailure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (!(cause instanceof StorageException) || failure.isPresent()) {
            return;
        }
        synchronized (this) {
            if (failure.isEmpty()) {
                failure = Optional.of(rootMessage(cause));
                failures.incrementAndGet();
                LOG.error("event=ledger-failed reason=\"{}\" retry-every-s={}", failure.get(), RETRY_SECONDS);
            }
        }
    }

    /** The write that failed, without the refusal ledger-lite wraps around it for later appends. */
    private static String rootMessage(Throwable t) {
        String message = t.getMessage() == null ? t.toString() : t.getMessage();
        String refusal = "(reopen it to recover): ";
        int at = message.indexOf(refusal);
        return at >= 0 ? message.substring(at + refusal.length()) : message;
    }

    /** Reopens a failed log if the disk has room; on failure, tries again later. */
    synchronized void heal() {
        if (failure.isEmpty()) {
            return;
        }
        try {
            if (Files.getFileStore(dataDir).getUsableSpace() < MIN_FREE_BYTES) {
                return;
            }
        } catch (IOException e) {
            return;
        }
        try {
            current.close();
            Ledger reopened = LedgerFiles.open(dataDir, identity);
            current = reopened;
            failure = Optional.empty();
            reopens.incrementAndGet();
            LOG.info("event=ledger-reopened size={} dropped-bytes={}", reopened.size(),
                    reopened.recovery().map(Truncation::bytesDropped).orElse(0L));
        } catch (StorageException e) {
            failure = Optional.of("reopen failed: " + e.getMessage());
        }
    }

    @Override
    public CompletableFuture<SignedCheckpoint> publishCheckpoint() {
        return current.publishCheckpoint().whenComplete((checkpoint, error) -> {
            if (error == null) {
                checkpointed(checkpoint);
            }
        });
    }

    @Override
    public long size() {
        return current.size();
    }

    @Override
    public Hash root(long size) {
        return current.root(size);
    }

    @Override
    public List<Record> read(long from, long to) {
        return current.read(from, to);
    }

    @Override
    public List<byte[]> readEncoded(long from, long to) {
        return current.readEncoded(from, to);
    }

    @Override
    public Optional<SignedCheckpoint> latestCheckpoint() {
        return current.latestCheckpoint();
    }

    @Override
    public List<Long> checkpointSizes() {
        return current.checkpointSizes();
    }

    @Override
    public Optional<SignedCheckpoint> checkpoint(long size) {
        return current.checkpoint(size);
    }

    @Override
    public InclusionProof inclusionProof(long index, long size) {
        return current.inclusionProof(index, size);
    }

    @Override
    public ConsistencyProof consistencyProof(long from, long to) {
        return current.consistencyProof(from, to);
    }

    @Override
    public void export(OutputStream out) throws IOException {
        current.export(out);
    }

    @Override
    public Ed25519PublicKey key() {
        return current.key();
    }

    @Override
    public String origin() {
        return current.origin();
    }

    @Override
    public Optional<Truncation> recovery() {
        return current.recovery();
    }

    @Override
    public synchronized void close() {
        if (healer != null) {
            healer.cancel();
        }
        current.close();
    }
}
