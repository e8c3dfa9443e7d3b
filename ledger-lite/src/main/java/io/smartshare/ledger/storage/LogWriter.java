package io.smartshare.ledger.storage;

import io.smartshare.ledger.checkpoint.Checkpoint;
import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.merkle.CompactRange;
import io.smartshare.ledger.merkle.Hash;
import io.smartshare.ledger.merkle.TreeHasher;
import io.smartshare.ledger.record.CheckpointMarker;
import io.smartshare.ledger.record.Record;
import io.smartshare.ledger.record.RecordBody;
import io.smartshare.ledger.record.RecordException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The log's writer: one thread ({@code ledger-writer-<id>}) encodes, hashes and writes
 * batches of records; a second ({@code ledger-sync-<id>}) fsyncs what was written, one
 * fsync for everything written since its last one, and only then completes the appends it
 * covers. So batch k+1 is prepared while batch k is being synced. The writer also
 * publishes checkpoints, after waiting until all it wrote is synced. Fail-stop: after any
 * write or fsync error nothing more is written or acknowledged.
 */
final class LogWriter {
    /** What the writer thread is asked to do. */
    private sealed interface Request permits Append, CheckpointNow, Close {
        void fail(Throwable t);
    }

    private record Append(RecordBody body, CompletableFuture<Record> future) implements Request {
        @Override
        public void fail(Throwable t) {
            future.completeExceptionally(t);
        }
    }

    private record CheckpointNow(CompletableFuture<SignedCheckpoint> future) implements Request {
        @Override
        public void fail(Throwable t) {
            future.completeExceptionally(t);
        }
    }

    private enum Close implements Request {
        CLOSE;

        @Override
        public void fail(Throwable t) {
            // nobody waits on a close request
        }
    }

    /** Records written up to {@code sizeAfter}, to be acknowledged once synced. */
    private record Batch(long sizeAfter, Segment segment, List<Append> requests, List<Record> records) {
    }

    private static final Batch STOP = new Batch(-1, null, List.of(), List.of());

    private final LogState state;
    private final LogOptions options;
    private final BlockingQueue<Request> queue;
    private final Thread thread;
    private final Thread syncer;
    private final BlockingQueue<Batch> toSync = new ArrayBlockingQueue<>(4);
    private final Object syncLock = new Object();
    /** Records known synced; guarded by {@link #syncLock}. */
    private long syncedSize;
    private final ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
    private final List<Request> batch;
    private final List<Append> appends = new ArrayList<>();
    private final List<CheckpointNow> checkpointRequests = new ArrayList<>();
    private final List<Record> written;
    private final CompactRange range;
    private final CompactRange.Sink toTreeFile;
    private Hash lastLeaf;
    private long size;
    private Segment active;
    private Optional<CheckpointMarker> pendingMarker;
    private long recordsSinceCheckpoint;
    private long lastCheckpointMillis;
    private volatile Throwable failure;
    private volatile boolean closed;

    LogWriter(LogState state, WriterState start) {
        this.state = state;
        this.options = state.options;
        this.queue = new ArrayBlockingQueue<>(options.queueCapacity());
        this.batch = new ArrayList<>(options.maxBatchRecords());
        this.written = new ArrayList<>(options.maxBatchRecords() + 1);
        this.range = start.range();
        this.toTreeFile = (level, hash) -> state.tree.append(hash);
        this.lastLeaf = start.lastLeaf();
        this.size = state.durableSize;
        this.active = state.segments.get(state.segments.size() - 1);
        this.pendingMarker = start.pendingMarker();
        this.recordsSinceCheckpoint = start.recordsSinceCheckpoint();
        this.lastCheckpointMillis = options.clock().millis();
        this.syncedSize = state.durableSize;
        this.thread = new Thread(this::run, "ledger-writer-" + state.identity.nodeId());
        thread.setDaemon(true);
        this.syncer = new Thread(this::syncLoop, "ledger-sync-" + state.identity.nodeId());
        syncer.setDaemon(true);
    }

    void start() {
        syncer.start();
        thread.start();
    }

    CompletableFuture<Record> submit(RecordBody body) {
        Append request = new Append(body, new CompletableFuture<>());
        enqueue(request);
        return request.future();
    }

    CompletableFuture<SignedCheckpoint> checkpointNow() {
        CheckpointNow request = new CheckpointNow(new CompletableFuture<>());
        enqueue(request);
        return request.future();
    }

    private void enqueue(Request request) {
        if (closed || failure != null) {
            request.fail(refusal());
            return;
        }
        try {
            queue.put(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request.fail(new StorageException(state.dir + ": interrupted while queueing a request", e));
            return;
        }
        if (closed || failure != null) {
            failQueued();
        }
    }

    private StorageException refusal() {
        Throwable f = failure;
        if (f != null) {
            return new StorageException("ledger " + state.dir + " has failed and accepts no more appends (reopen it "
                    + "to recover): " + f.getMessage(), f);
        }
        return new StorageException("ledger " + state.dir + " is closed");
    }

    /**
     * Fails every queued request. A close request is put back, not taken: this runs on the
     * threads that append too, and a writer that never saw it would wait out its whole
     * checkpoint interval before {@link #close()} could return (a close racing an append on a
     * failed log hung a test run for an hour).
     */
    private void failQueued() {
        boolean closeAsked = false;
        Request r;
        while ((r = queue.poll()) != null) {
            if (r == Close.CLOSE) {
                closeAsked = true;
            } else {
                r.fail(refusal());
            }
        }
        if (closeAsked && Thread.currentThread() != thread) {
            queue.offer(Close.CLOSE);
        }
    }

    void close() {
        closed = true;
        try {
            if (thread.isAlive()) {
                queue.put(Close.CLOSE);
            }
            thread.join();
            syncer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failQueued();
    }

    private void run() {
        try {
            while (true) {
                if (failure != null) {
                    throw refusal();
                }
                Request first = queue.poll(waitMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    maybeCheckpoint(false);
                    continue;
                }
                batch.clear();
                batch.add(first);
                collect();
                boolean closing = sort();
                commit();
                maybeCheckpoint(!checkpointRequests.isEmpty());
                if (!checkpointRequests.isEmpty()) {
                    awaitSynced(size);
                    answer(checkpointRequests);
                }
                if (closing) {
                    if (pendingMarker.isPresent()) {
                        appends.clear();
                        commit();
                    }
                    awaitSynced(size);
                    return;
                }
            }
        } catch (Throwable t) {
            if (failure == null) {
                failure = t;
            }
            for (Request r : batch) {
                r.fail(refusal());
            }
            for (Request r : appends) {
                r.fail(refusal());
            }
            for (Request r : checkpointRequests) {
                r.fail(refusal());
            }
            failQueued();
        } finally {
            stopSyncer();
        }
    }

    /** Splits the collected batch into appends and checkpoint requests; true if asked to close. */
    private boolean sort() {
        boolean closing = false;
        appends.clear();
        checkpointRequests.clear();
        for (Request r : batch) {
            if (r instanceof Append a) {
                appends.add(a);
            } else if (r instanceof CheckpointNow c) {
                checkpointRequests.add(c);
            } else {
                closing = true;
            }
        }
        batch.clear();
        return closing;
    }

    /** Lets the sync thread finish what was handed to it, then stop (unless it already has). */
    private void stopSyncer() {
        boolean interrupted = false;
        while (syncer.isAlive()) {
            try {
                if (toSync.offer(STOP, 100, TimeUnit.MILLISECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The sync thread: fsyncs everything written so far, then acknowledges it. */
    private void syncLoop() {
        List<Batch> taken = new ArrayList<>();
        try {
            while (true) {
                taken.clear();
                taken.add(toSync.take());
                toSync.drainTo(taken);
                boolean stop = taken.removeIf(b -> b == STOP);
                if (!taken.isEmpty()) {
                    Batch last = taken.get(taken.size() - 1);
                    force(last.segment());
                    state.durableSize = last.sizeAfter();
                    synchronized (syncLock) {
                        syncedSize = last.sizeAfter();
                        syncLock.notifyAll();
                    }
                    for (Batch b : taken) {
                        for (int i = 0; i < b.requests().size(); i++) {
                            b.requests().get(i).future().complete(b.records().get(i));
                        }
                    }
                }
                if (stop) {
                    return;
                }
            }
        } catch (Throwable t) {
            if (failure == null) {
                failure = t;
            }
            synchronized (syncLock) {
                syncLock.notifyAll();
            }
            for (Batch b : taken) {
                b.requests().forEach(r -> r.fail(refusal()));
            }
            failSyncQueue();
            failQueued();
        }
    }

    /** Fails every batch still waiting for the sync thread (it has stopped). */
    private void failSyncQueue() {
        Batch b;
        while ((b = toSync.poll()) != null) {
            b.requests().forEach(r -> r.fail(refusal()));
        }
    }

    /** Waits until the first {@code target} records are synced. */
    private void awaitSynced(long target) throws InterruptedException {
        synchronized (syncLock) {
            while (syncedSize < target && failure == null) {
                syncLock.wait();
            }
        }
        if (failure != null) {
            throw refusal();
        }
    }

    private long waitMillis() {
        if (recordsSinceCheckpoint == 0) {
            return 60_000;
        }
        long due = lastCheckpointMillis + options.checkpointInterval().toMillis() - options.clock().millis();
        return Math.max(1, due);
    }

    private void collect() throws InterruptedException {
        int max = options.maxBatchRecords();
        queue.drainTo(batch, max - batch.size());
        long lingerNanos = options.maxBatchDelay().toNanos();
        if (lingerNanos > 0 && batch.size() < max && !(batch.get(batch.size() - 1) instanceof Close)) {
            long deadline = System.nanoTime() + lingerNanos;
            while (batch.size() < max) {
                long left = deadline - System.nanoTime();
                Request next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                if (next == null) {
                    break;
                }
                batch.add(next);
                if (next instanceof Close) {
                    break;
                }
                queue.drainTo(batch, max - batch.size());
            }
        }
    }

    /** Writes the pending marker and the batch and hands them to the sync thread. */
    private void commit() throws IOException, InterruptedException {
        written.clear();
        long now = options.clock().millis();
        if (pendingMarker.isPresent()) {
            append(pendingMarker.get(), now);
            pendingMarker = Optional.empty();
        }
        List<Append> accepted = new ArrayList<>(appends.size());
        for (Append r : appends) {
            try {
                append(r.body(), now);
                accepted.add(r);
            } catch (RecordException e) {
                r.fail(e);
            }
        }
        if (written.isEmpty()) {
            return;
        }
        flushBuffer();
        state.tree.flush();
        int first = written.size() - accepted.size();
        toSync.put(new Batch(size, active, accepted, new ArrayList<>(written.subList(first, written.size()))));
        appends.clear();
        if (failure != null) {
            failSyncQueue();
        }
    }

    private void append(RecordBody body, long now) throws IOException {
        Record record = new Record(size, lastLeaf, now, body);
        byte[] encoded = record.encode();
        int frameLength = Frames.HEADER + encoded.length;
        if (active.end + buffer.position() + frameLength > options.segmentBytes() && active.count > 0) {
            roll();
        }
        if (buffer.remaining() < frameLength) {
            flushBuffer();
        }
        long offset = active.end + buffer.position();
        Frames.put(buffer, encoded);
        active.added(offset);
        Hash leaf = TreeHasher.leaf(encoded);
        range.append(leaf, toTreeFile);
        lastLeaf = leaf;
        size++;
        if (body instanceof CheckpointMarker) {
            state.markers.add(record.seq());
        } else {
            recordsSinceCheckpoint++;
        }
        written.add(record);
    }

    private void flushBuffer() throws IOException {
        buffer.flip();
        int n = buffer.remaining();
        try {
            active.channel.write(buffer, active.end);
        } catch (IOException e) {
            throw StorageException.io("write", active.path, e);
        } finally {
            buffer.clear();
        }
        active.end += n;
    }

    private static void force(Segment segment) {
        try {
            segment.channel.force();
        } catch (IOException e) {
            throw StorageException.io("fsync", segment.path, e);
        }
    }

    private void roll() throws IOException {
        flushBuffer();
        force(active);
        active = createSegment(state, size);
        state.segments.add(active);
    }

    /** Creates segment file {@code firstSeq} with its header, synced with its directory entry. */
    static Segment createSegment(LogState state, long firstSeq) throws IOException {
        Path path = state.dir.resolve(Segment.fileName(firstSeq));
        FileIo io = state.options.fileIo();
        SegmentHeader header = new SegmentHeader(firstSeq, state.identity.publicKey());
        LogChannel channel = io.open(path, true);
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(header.encode()), 0);
            channel.force();
            io.syncDirectory(state.dir);
        } catch (IOException e) {
            channel.close();
            throw StorageException.io("create segment", path, e);
        }
        return new Segment(path, header, channel, SegmentHeader.LENGTH);
    }

    private void answer(List<CheckpointNow> requests) {
        for (CheckpointNow r : requests) {
            Optional<SignedCheckpoint> latest = state.latest;
            if (latest.isPresent()) {
                r.future().complete(latest.get());
            } else {
                r.future().completeExceptionally(new IllegalStateException("ledger " + state.dir
                        + " is empty: there is nothing to checkpoint"));
            }
        }
    }

    /** Publishes a checkpoint if one is due, or if {@code force}d and records were added since the last. */
    private void maybeCheckpoint(boolean force) throws IOException, InterruptedException {
        long now = options.clock().millis();
        boolean due = recordsSinceCheckpoint >= options.checkpointEveryRecords() || (recordsSinceCheckpoint > 0
                && (force || now - lastCheckpointMillis >= options.checkpointInterval().toMillis()));
        if (!due) {
            return;
        }
        awaitSynced(size);
        try {
            state.syncTree(size);
        } catch (IOException e) {
            throw StorageException.io("sync", state.tree.path(), e);
        }
        Hash root = range.root();
        SignedCheckpoint signed = SignedCheckpoint.sign(new Checkpoint(state.origin, size, root), state.identity);
        try {
            DurableFile.replace(options.fileIo(), state.checkpointFile(), signed.encoded());
        } catch (IOException e) {
            throw StorageException.io("write", state.checkpointFile(), e);
        }
        state.latest = Optional.of(signed);
        pendingMarker = Optional.of(new CheckpointMarker(size, root,
                signed.logSignature(state.identity.publicKey()).orElseThrow()));
        recordsSinceCheckpoint = 0;
        lastCheckpointMillis = now;
    }
}
