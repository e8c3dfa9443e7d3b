package io.smartshare.node.beacon;

import io.smartshare.contracts.ContractException;
import io.smartshare.ledger.cbor.Cbor;
import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.cbor.CborValue;
import io.smartshare.ledger.checkpoint.Checkpoint;
import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.merkle.ConsistencyProof;
import io.smartshare.ledger.merkle.InclusionProof;
import io.smartshare.ledger.merkle.LeafTree;
import io.smartshare.ledger.merkle.TreeHasher;
import io.smartshare.ledger.storage.DurableFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * This node's beacon log (docs/beacon.md §5): the leaves of every epoch it closed as the
 * beacon, in {@code <data-dir>/beacon/log/leaves} as {@code [length u32][crc32 u32][leaf]}
 * records (appended, forced to disk per epoch; a torn tail is cut off at open), the whole tree
 * in memory ({@link LeafTree}: the log holds a few leaves per member per epoch it closed), and
 * its latest signed checkpoint in {@code checkpoint}. Only hashes, checkpoints and results:
 * no member's records. Thread-safe.
 */
final class BeaconLog implements AutoCloseable {
    private static final int HEADER = 8;

    private final Path dir;
    private final String origin;
    private final NodeIdentity identity;
    private final FileChannel file;
    private final LeafTree tree = new LeafTree();
    private final List<byte[]> leaves = new ArrayList<>();
    /** Per epoch closed here, the index of its first leaf and how many it has. */
    private final TreeMap<Long, long[]> epochs = new TreeMap<>();

    private BeaconLog(Path dir, String origin, NodeIdentity identity, FileChannel file) {
        this.dir = dir;
        this.origin = origin;
        this.identity = identity;
        this.file = file;
    }

    /** Opens (or creates) the log in {@code dir}, cutting off a torn last record. */
    static BeaconLog open(Path dir, String origin, NodeIdentity identity) throws IOException {
        Files.createDirectories(dir);
        FileChannel file = FileChannel.open(dir.resolve("leaves"), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        BeaconLog log = new BeaconLog(dir, origin, identity, file);
        long at = 0;
        long size = file.size();
        while (at + HEADER <= size) {
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            file.read(header, at);
            int length = header.getInt(0);
            if (length < 0 || length > 1 << 20 || at + HEADER + length > size) {
                break;
            }
            ByteBuffer leaf = ByteBuffer.allocate(length);
            file.read(leaf, at + HEADER);
            if (crc(leaf.array()) != header.getInt(4)) {
                break;
            }
            log.remember(leaf.array());
            at += HEADER + length;
        }
        file.truncate(at);
        file.position(at);
        return log;
    }

    private static int crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    private void remember(byte[] leaf) {
        long epoch = epochOf(leaf);
        long index = leaves.size();
        leaves.add(leaf);
        tree.append(TreeHasher.leaf(leaf));
        epochs.computeIfAbsent(epoch, e -> new long[] {index, 0})[1]++;
    }

    private static long epochOf(byte[] leaf) {
        if (Cbor.decode(leaf) instanceof CborMap map && map.get(1).orElse(null) instanceof CborValue.Int epoch) {
            return epoch.value();
        }
        throw new ContractException("a beacon leaf without an epoch");
    }

    /** Appends an epoch's leaves and forces them to disk. */
    synchronized void append(List<byte[]> epochLeaves) throws IOException {
        for (byte[] leaf : epochLeaves) {
            ByteBuffer record = ByteBuffer.allocate(HEADER + leaf.length).putInt(leaf.length).putInt(crc(leaf)).put(leaf)
                    .flip();
            while (record.hasRemaining()) {
                file.write(record);
            }
        }
        file.force(false);
        epochLeaves.forEach(this::remember);
    }

    /** Whether leaves of {@code epoch} are in the log. */
    synchronized boolean holds(long epoch) {
        return epochs.containsKey(epoch);
    }

    /** The indices {@code [first, first + count)} of {@code epoch}'s leaves, if it is in the log. */
    synchronized Optional<long[]> range(long epoch) {
        return Optional.ofNullable(epochs.get(epoch)).map(long[]::clone);
    }

    synchronized byte[] leaf(long index) {
        return leaves.get((int) index).clone();
    }

    synchronized long size() {
        return tree.size();
    }

    /** Signs the log as it is now, and keeps that note as the latest. */
    synchronized SignedCheckpoint sign() throws IOException {
        SignedCheckpoint note = SignedCheckpoint.sign(new Checkpoint(origin, tree.size(), tree.root(tree.size())),
                identity);
        DurableFile.replace(dir.resolve("checkpoint"), note.encoded());
        return note;
    }

    synchronized InclusionProof inclusion(long index, long size) {
        return tree.inclusion(index, size);
    }

    synchronized ConsistencyProof consistency(long from, long to) {
        return tree.consistency(from, to);
    }

    @Override
    public synchronized void close() throws IOException {
        file.close();
    }
}
