package io.smartshare.ledger.storage;

import io.smartshare.ledger.Truncation;
import io.smartshare.ledger.checkpoint.CheckpointException;
import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.merkle.CompactRange;
import io.smartshare.ledger.merkle.Hash;
import io.smartshare.ledger.merkle.Proofs;
import io.smartshare.ledger.merkle.TreeHasher;
import io.smartshare.ledger.record.CheckpointMarker;
import io.smartshare.ledger.record.Record;
import io.smartshare.ledger.record.RecordException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Opens a log directory (docs/ledger-format.md §3, "Recovery"): checks the signed
 * checkpoint, every segment header and every frame's CRC; re-checks records from the
 * checkpoint on; truncates an invalid tail after the checkpoint; refuses to open if
 * anything the checkpoint covers is damaged.
 */
final class Recovery {
    private final LogState state;
    private final FileIo io;
    private final Ed25519PublicKey key;
    private Optional<SignedCheckpoint> checkpoint = Optional.empty();
    private long signedSize;
    private boolean rebuildTree;
    private CompactRange range;
    private Hash lastLeaf = Hash.ZERO;
    private long size;
    private long recordsSinceCheckpoint;
    private Optional<Truncation> truncation = Optional.empty();

    private Recovery(LogState state) {
        this.state = state;
        this.io = state.options.fileIo();
        this.key = state.identity.publicKey();
    }

    record Result(WriterState writer, Optional<Truncation> truncation) {
    }

    static Result run(LogState state) throws IOException {
        return new Recovery(state).recover();
    }

    private Result recover() throws IOException {
        readCheckpoint();
        prepareTree();
        List<Path> files = segmentFiles();
        for (int i = 0; i < files.size(); i++) {
            scanSegment(files.get(i), i == files.size() - 1);
        }
        if (state.segments.isEmpty()) {
            if (signedSize > 0) {
                throw new CorruptLogException(state.checkpointFile(), 0, "the signed checkpoint covers " + signedSize
                        + " records but there is no segment file");
            }
            state.segments.add(LogWriter.createSegment(state, 0));
        }
        if (size < signedSize) {
            Segment tail = state.segments.get(state.segments.size() - 1);
            throw new CorruptLogException(tail.path, tail.end, "the signed checkpoint covers " + signedSize
                    + " records, only " + size + " found");
        }
        state.tree.flush();
        state.durableSize = size;
        state.latest = checkpoint;
        Optional<CheckpointMarker> pending = checkpoint.filter(c -> c.size() == size && c.size() > 0)
                .map(c -> new CheckpointMarker(c.size(), c.root(), c.logSignature(key).orElseThrow()));
        return new Result(new WriterState(range, lastLeaf, pending, recordsSinceCheckpoint), truncation);
    }

    private void readCheckpoint() throws IOException {
        Path file = state.checkpointFile();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return;
        }
        SignedCheckpoint parsed;
        try {
            parsed = SignedCheckpoint.parse(bytes);
        } catch (CheckpointException e) {
            throw new CorruptLogException(file, 0, e.getMessage());
        }
        if (!parsed.origin().equals(state.origin)) {
            throw new CorruptLogException(file, 0, "origin: expected '" + state.origin + "', found '"
                    + parsed.origin() + "'");
        }
        if (!parsed.isSignedBy(key)) {
            throw new CorruptLogException(file, 0, "no valid signature by this node's key " + key);
        }
        checkpoint = Optional.of(parsed);
        signedSize = parsed.size();
    }

    /**
     * Keeps the stored hashes of the signed tree if {@code tree.check} vouches for them and
     * they give the signed root; else rebuilds them from the records.
     */
    private void prepareTree() throws IOException {
        TreeFile tree = state.tree;
        Optional<TreeCheck> check = state.treeCheck();
        if (signedSize > 0 && tree.storedHashes() >= TreeFile.storedFor(signedSize)
                && check.isPresent() && check.get().leaves() == signedSize) {
            tree.truncateTo(signedSize);
            if (tree.crc() == check.get().crc()
                    && Proofs.root(tree, signedSize).equals(checkpoint.orElseThrow().root())) {
                range = CompactRange.of(signedSize, tree);
                return;
            }
        }
        tree.truncateTo(0);
        range = new CompactRange();
        rebuildTree = true;
    }

    private List<Path> segmentFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : io.list(state.dir)) {
            if (Segment.isSegmentName(p.getFileName().toString())) {
                files.add(p);
            }
        }
        files.sort(null);
        return files;
    }

    /** Scans one segment; only the last one may end in a torn tail, which is cut off. */
    private void scanSegment(Path file, boolean last) throws IOException {
        LogChannel channel = io.open(file, false);
        long length = channel.size();
        if (length < SegmentHeader.LENGTH && last && size >= signedSize) {
            channel.close();
            io.delete(file);
            io.syncDirectory(state.dir);
            truncation = Optional.of(new Truncation(file, 0, length, "incomplete segment header"));
            return;
        }
        SegmentHeader header = readHeader(file, channel, length);
        Segment segment = new Segment(file, header, channel, SegmentHeader.LENGTH);
        state.segments.add(segment);
        FrameReader reader = new FrameReader(new ChannelInputStream(channel, SegmentHeader.LENGTH, length, 1 << 16),
                SegmentHeader.LENGTH);
        while (true) {
            FrameReader.Result result = reader.next();
            if (result instanceof FrameReader.End) {
                return;
            }
            String problem = result instanceof FrameReader.Damaged d ? d.reason()
                    : accept((FrameReader.Frame) result, file);
            if (problem != null) {
                if (size < signedSize) {
                    throw new CorruptLogException(file, result.offset(), "record " + size + ": " + problem
                            + " (covered by the signed checkpoint of size " + signedSize + ")");
                }
                boolean tornTail = result instanceof FrameReader.Damaged
                        && !validFrameAfter(channel, result.offset() + 1, length);
                if (!tornTail || !last) {
                    throw new CorruptLogException(file, result.offset(), "record " + size + ": " + problem
                            + (tornTail ? " (later segments follow)" : result instanceof FrameReader.Damaged
                            ? " (valid frames follow it, so this is damage inside acknowledged records, not a torn"
                                    + " tail)" : " (the frame's CRC is intact, so this is not a torn write)")
                            + "; refusing to drop acknowledged records: restore the segment from a backup or cut"
                            + " it here by hand");
                }
                cut(segment, result.offset(), length, problem);
                return;
            }
            segment.added(result.offset());
            segment.end = ((FrameReader.Frame) result).end();
        }
    }

    /**
     * True if a frame with a plausible length and a matching CRC starts anywhere in {@code
     * [from, length)}: then the damage before it is not a torn tail. Scans with a bounded
     * window, so memory stays small on any file size.
     */
    private static boolean validFrameAfter(LogChannel channel, long from, long length) throws IOException {
        int maxFrame = Frames.HEADER + Record.MAX_ENCODED_LENGTH;
        byte[] window = new byte[4 * maxFrame];
        ByteBuffer view = ByteBuffer.wrap(window);
        long base = from;
        while (length - base >= Frames.HEADER) {
            int n = (int) Math.min(window.length, length - base);
            ByteBuffer target = ByteBuffer.wrap(window, 0, n);
            while (target.hasRemaining() && channel.read(target, base + target.position()) >= 0) {
                continue;
            }
            boolean finalWindow = base + n >= length;
            int lastStart = finalWindow ? n - Frames.HEADER : n - maxFrame;
            for (int p = 0; p <= lastStart; p++) {
                int frameLength = view.getInt(p);
                if (frameLength >= 1 && frameLength <= Record.MAX_ENCODED_LENGTH
                        && p + Frames.HEADER + (long) frameLength <= n
                        && Frames.crc(window, p + Frames.HEADER, frameLength) == view.getInt(p + 4)) {
                    return true;
                }
            }
            if (finalWindow) {
                return false;
            }
            base += lastStart + 1;
        }
        return false;
    }

    private SegmentHeader readHeader(Path file, LogChannel channel, long length) throws IOException {
        if (length < SegmentHeader.LENGTH) {
            throw new CorruptLogException(file, 0, "segment header: " + length + " of " + SegmentHeader.LENGTH
                    + " bytes");
        }
        ByteBuffer b = ByteBuffer.allocate(SegmentHeader.LENGTH);
        while (b.hasRemaining()) {
            channel.read(b, b.position());
        }
        SegmentHeader header;
        try {
            header = SegmentHeader.decode(b.array());
        } catch (IllegalArgumentException e) {
            throw new CorruptLogException(file, 0, e.getMessage());
        }
        if (!header.key().equals(key)) {
            throw new CorruptLogException(file, 20, "segment written by key " + header.key()
                    + ", this node's key is " + key);
        }
        if (header.firstSeq() != size || !file.getFileName().toString().equals(Segment.fileName(size))) {
            throw new CorruptLogException(file, 12, "first seq: expected " + size + " (file "
                    + Segment.fileName(size) + "), found " + header.firstSeq());
        }
        return header;
    }

    /** Checks and takes one whole frame; returns why it is not acceptable, or null. */
    private String accept(FrameReader.Frame frame, Path file) {
        byte[] payload = frame.payload();
        boolean signed = size < signedSize;
        if (signed) {
            try {
                if (Record.peekType(payload) == CheckpointMarker.TYPE) {
                    state.markers.add(size);
                }
            } catch (RecordException e) {
                return e.getMessage();
            }
            if (rebuildTree || size == signedSize - 1) {
                Hash leaf = TreeHasher.leaf(payload);
                if (rebuildTree) {
                    range.append(leaf, (level, hash) -> state.tree.append(hash));
                }
                lastLeaf = leaf;
            }
            size++;
            if (rebuildTree && size == signedSize) {
                if (!range.root().equals(checkpoint.orElseThrow().root())) {
                    throw new CorruptLogException(file, frame.offset(), "records 0.." + (size - 1) + " hash to "
                            + range.root() + ", the signed checkpoint says " + checkpoint.orElseThrow().root());
                }
                syncRebuiltTree();
            }
            return null;
        }
        Record record;
        try {
            record = Record.decode(payload);
        } catch (RecordException e) {
            return e.getMessage();
        }
        if (record.seq() != size) {
            return "seq: expected " + size + ", found " + record.seq();
        }
        if (!record.prev().equals(lastLeaf)) {
            return "prev: expected " + lastLeaf + ", found " + record.prev();
        }
        if (record.body() instanceof CheckpointMarker marker) {
            Optional<String> bad = marker.problem(record.seq(), range.root(), state.origin, key);
            if (bad.isPresent()) {
                return bad.get();
            }
            state.markers.add(size);
        } else {
            recordsSinceCheckpoint++;
        }
        Hash leaf = TreeHasher.leaf(payload);
        range.append(leaf, (level, hash) -> state.tree.append(hash));
        lastLeaf = leaf;
        size++;
        return null;
    }

    /** Records the rebuilt hashes of the signed tree in {@code tree.check}, so the next open keeps them. */
    private void syncRebuiltTree() {
        try {
            state.syncTree(signedSize);
        } catch (IOException e) {
            throw StorageException.io("sync", state.tree.path(), e);
        }
    }

    private void cut(Segment segment, long offset, long length, String reason) throws IOException {
        segment.channel.truncate(offset);
        segment.channel.force();
        segment.end = offset;
        truncation = Optional.of(new Truncation(segment.path, offset, length - offset, reason));
    }
}
