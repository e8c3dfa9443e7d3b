package io.smartshare.ledger;

import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.merkle.ConsistencyProof;
import io.smartshare.ledger.merkle.Hash;
import io.smartshare.ledger.merkle.InclusionProof;
import io.smartshare.ledger.record.Record;
import io.smartshare.ledger.record.RecordBody;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A node's own signed append-only log, opened from {@code <data-dir>/ledger}
 * (docs/ledger-format.md).
 *
 * <p>Guarantees: an append's future completes only after its record is fsynced; an
 * acknowledged record survives a crash; reads, proofs and checkpoints only ever cover
 * synced records; a checkpoint is persisted before it is handed out. One {@code Ledger}
 * (one writer thread, plus the thread that fsyncs for it) per data directory, enforced by
 * a lock file. Methods are thread-safe. After an fsync or
 * write error (including a full disk) the log fails: every later append fails, while
 * what was already synced stays readable; reopen to recover.
 */
public interface Ledger extends AutoCloseable {

    /**
     * Appends a record with the next seq, the writer's time and {@code body}. Blocks while
     * the append queue is full. The future is completed on the log's sync thread: keep
     * dependent actions short, or use the {@code *Async} variants.
     *
     * @return completes with the record once it is synced, or exceptionally (a {@link
     *     io.smartshare.ledger.storage.StorageException} if the log failed or is closed, a
     *     {@link io.smartshare.ledger.record.RecordException} if the record is too large)
     */
    CompletableFuture<Record> append(RecordBody body);

    /**
     * Publishes a checkpoint of all records appended before this call, once they are
     * synced, unless the latest one already covers them (besides its own marker), and
     * completes with the latest checkpoint once it is persisted. Fails on an empty log.
     */
    CompletableFuture<SignedCheckpoint> publishCheckpoint();

    /** The number of synced records; the tree size a proof can refer to. */
    long size();

    /** The tree hash of the first {@code size} records ({@code size <= size()}). */
    Hash root(long size);

    /** Records {@code [from, to)} ({@code 0 <= from <= to <= size()}). */
    List<Record> read(long from, long to);

    /** The encoded records {@code [from, to)}, as stored and hashed. */
    List<byte[]> readEncoded(long from, long to);

    /** The latest published checkpoint, if any. */
    Optional<SignedCheckpoint> latestCheckpoint();

    /** The sizes of all published checkpoints, ascending. */
    List<Long> checkpointSizes();

    /** The published checkpoint of tree size {@code size}, if there was one. */
    Optional<SignedCheckpoint> checkpoint(long size);

    /** Proof that record {@code index} is in the tree of size {@code size <= size()}. */
    InclusionProof inclusionProof(long index, long size);

    /** Proof that the tree of size {@code from} is a prefix of that of size {@code to <= size()}. */
    ConsistencyProof consistencyProof(long from, long to);

    /** Writes the synced log as one segment stream from seq 0 (docs/ledger-format.md §3), for `ledger export`. */
    void export(OutputStream out) throws IOException;

    /** The log's public key. */
    Ed25519PublicKey key();

    /** The checkpoint origin, {@code smartshare/ledger/<node-id>}. */
    String origin();

    /** What recovery cut off when this log was opened, if anything. */
    Optional<Truncation> recovery();

    /** Syncs what is queued, stops the writer thread and closes the files. */
    @Override
    void close();
}
