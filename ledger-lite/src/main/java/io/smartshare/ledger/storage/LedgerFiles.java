package io.smartshare.ledger.storage;

import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.identity.NodeIdentity;
import java.nio.file.Path;

/** Opens the node's {@link Ledger}: the log kept in files under {@code dataDir/ledger}. */
public final class LedgerFiles {
    private LedgerFiles() {
    }

    /**
     * Opens (recovering if needed) or creates the log in {@code dataDir/ledger}.
     *
     * @throws CorruptLogException if records covered by the signed checkpoint are damaged,
     *     naming file and offset
     * @throws StorageException if the files cannot be used
     */
    public static Ledger open(Path dataDir, NodeIdentity identity, LogOptions options) {
        return LogStores.open(dataDir.resolve("ledger"), identity, options);
    }

    /** {@link #open(Path, NodeIdentity, LogOptions)} with {@link LogOptions#defaults()}. */
    public static Ledger open(Path dataDir, NodeIdentity identity) {
        return open(dataDir, identity, LogOptions.defaults());
    }
}
