package io.smartshare.node.storage;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage service's one periodic task, every second on the node's timer thread (it only
 * starts work, never waits for it): the audits that are due; every 10 s, uploads not complete
 * resume on the transfer thread (after a pause, or a restart of either node); every minute,
 * agreements whose term is over end, on the storage thread.
 */
final class StorageTicks implements Runnable {
    static final Duration PERIOD = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(StorageTicks.class);
    private static final int RESUME_EVERY = 10;
    private static final int EXPIRE_EVERY = 60;

    private final Auditor auditor;
    private final OwnedContents owned;
    private final OwnerTransfers transfers;
    private final Executor transfer;
    private final HeldContents held;
    private final Executor worker;
    private final LongSupplier clock;
    private long runs;

    StorageTicks(Auditor auditor, OwnedContents owned, OwnerTransfers transfers, Executor transfer, HeldContents held,
            Executor worker, LongSupplier clock) {
        this.auditor = auditor;
        this.owned = owned;
        this.transfers = transfers;
        this.transfer = transfer;
        this.held = held;
        this.worker = worker;
        this.clock = clock;
    }

    @Override
    public void run() {
        runs++;
        auditor.tick();
        try {
            if (runs % RESUME_EVERY == 0) {
                resumeUploads();
            }
            if (runs % EXPIRE_EVERY == 0) {
                worker.execute(this::expire);
            }
        } catch (RejectedExecutionException e) {
            LOG.debug("event=storage-busy reason=\"{}\"", e.getMessage()); // the next tick tries again
        }
    }

    private void resumeUploads() {
        for (Owned o : owned.all()) {
            String id = o.terms().idHex();
            if (!o.uploaded() && !o.deleted()
                    && !transfers.progress(id).map(p -> p.startsWith("uploading")).orElse(false)) {
                transfer.execute(() -> upload(id));
            }
        }
    }

    private void upload(String id) {
        try {
            transfers.upload(id);
        } catch (IOException e) {
            transfers.noteProgress(id, "paused: " + e.getMessage());
        }
    }

    private void expire() {
        for (String id : held.expire(clock.getAsLong())) {
            LOG.info("event=storage-ended role=holder id={} reason=\"term over\"", id);
        }
    }
}
