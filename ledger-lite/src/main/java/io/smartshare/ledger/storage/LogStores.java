package io.smartshare.ledger.storage;

import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.identity.NodeIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the segment-file implementation of {@link Ledger}; use {@link Ledger#open}. */
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
        LogState state = new LogState(dir, identity, options);
        Recovery.Result recovered;
        try {
            recovered = Recovery.run(state);
        } catch (IOException e) {
            SegmentStore.closeFiles(state);
            throw StorageException.io("recover", dir, e);
        } catch (RuntimeException e) {
            SegmentStore.closeFiles(state);
            throw e;
        }
        LogWriter writer = new LogWriter(state, recovered.writer());
        writer.start();
        return new SegmentStore(state, writer, recovered.truncation());
    }
}
