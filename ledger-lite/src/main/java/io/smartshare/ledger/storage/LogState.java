package io.smartshare.ledger.storage;

import io.smartshare.ledger.checkpoint.Checkpoint;
import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.identity.NodeIdentity;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the writer publishes and readers see: files, synced size, checkpoints. */
final class LogState {
    static final String CHECKPOINT_FILE = "checkpoint";
    static final String TREE_FILE = "tree.hashes";
    static final String TREE_CHECK_FILE = "tree.check";

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

    /**
     * Syncs {@code tree.hashes} and records its CRC32C for the first {@code leaves} leaves
     * in {@code tree.check}; the tree must hold exactly those leaves' hashes. {@code
     * tree.check} is written in place without fsync: a lost, torn or older one only makes
     * the next open rebuild the tree (docs/ledger-format.md §4).
     */
    void syncTree(long leaves) throws IOException {
        tree.force();
        try (LogChannel channel = options.fileIo().open(dir.resolve(TREE_CHECK_FILE), true)) {
            channel.write(ByteBuffer.wrap(new TreeCheck(leaves, tree.crc()).encode()), 0);
            channel.truncate(TreeCheck.LENGTH);
        }
    }

    /** What {@code tree.check} says, or empty if it is missing or damaged. */
    Optional<TreeCheck> treeCheck() throws IOException {
        try {
            return TreeCheck.decode(Files.readAllBytes(dir.resolve(TREE_CHECK_FILE)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
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
