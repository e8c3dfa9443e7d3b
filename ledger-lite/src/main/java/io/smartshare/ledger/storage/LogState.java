package io.smartshare.ledger.storage;

import io.smartshare.ledger.checkpoint.Checkpoint;
import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.identity.NodeIdentity;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the writer publishes and readers see: files, synced size, checkpoints. */
final class LogState {
    static final String CHECKPOINT_FILE = "checkpoint";
    static final String TREE_FILE = "tree.hashes";

    final Path dir;
    final NodeIdentity identity;
    final String origin;
    final LogOptions options;
    final CopyOnWriteArrayList<Segment> segments = new CopyOnWriteArrayList<>();
    final LongList markers = new LongList();
    final TreeFile tree;
    /** Records synced to disk; only these are read, proven or signed. */
    volatile long durableSize;
    volatile Optional<SignedCheckpoint> latest = Optional.empty();

    final DirectoryLock lock;

    LogState(Path dir, NodeIdentity identity, LogOptions options, DirectoryLock lock) {
        this.dir = dir;
        this.lock = lock;
        this.identity = identity;
        this.origin = Checkpoint.originOf(identity.nodeId());
        this.options = options;
        this.tree = new TreeFile(options.fileIo(), dir.resolve(TREE_FILE));
    }

    Path checkpointFile() {
        return dir.resolve(CHECKPOINT_FILE);
    }

    /** The segment holding {@code seq}. */
    Segment segmentOf(long seq) {
        Segment found = segments.get(0);
        for (Segment s : segments) {
            if (s.firstSeq() <= seq) {
                found = s;
            } else {
                break;
            }
        }
        return found;
    }
}
