package io.smartshare.ledger.storage;

import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.identity.NodeIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Opens the segment-file implementation of {@link Ledger}; use {@link LedgerFiles#open}. */
public final class LogStores {
    private LogStores() {
    }

    /**
     * Opens or creates the log in directory {@code dir} (recovering it), and starts its
     * writer thread.
     */
    public static Ledger open(Path dir, NodeIdentity identity, LogOptions options) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw StorageException.io("create directory", dir, e);
        }
        DirectoryLock lock = DirectoryLock.acquire(dir);
        LogState state;
        Recovery.Result recovered;
        try {
            state = new LogState(dir, identity, options, lock);
        } catch (RuntimeException e) {
            release(lock, e);
            throw e;
        }
        try {
            recovered = Recovery.run(state);
        } catch (IOException e) {
            StorageException failure = StorageException.io("recover", dir, e);
            closeAfterFailure(state, failure);
            throw failure;
        } catch (RuntimeException e) {
            closeAfterFailure(state, e);
            throw e;
        }
        LogWriter writer = new LogWriter(state, recovered.writer());
        writer.start();
        return new SegmentStore(state, writer, recovered.truncation());
    }

    /** The segment files of the log in {@code dir}, in seq order (for read-only tools). */
    public static List<Path> segmentFiles(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : FileIo.system().list(dir)) {
            if (Segment.isSegmentName(p.getFileName().toString())) {
                files.add(p);
            }
        }
        files.sort(null);
        return files;
    }

    /** The checkpoint file of the log in {@code dir}. */
    public static Path checkpointFile(Path dir) {
        return dir.resolve(LogState.CHECKPOINT_FILE);
    }

    private static void closeAfterFailure(LogState state, RuntimeException failure) {
        try {
            SegmentStore.closeFiles(state);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static void release(DirectoryLock lock, RuntimeException failure) {
        try {
            lock.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
