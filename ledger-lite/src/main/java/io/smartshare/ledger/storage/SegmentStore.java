package io.smartshare.ledger.storage;

import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.Truncation;
import io.smartshare.ledger.checkpoint.Checkpoint;
import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.merkle.ConsistencyProof;
import io.smartshare.ledger.merkle.Hash;
import io.smartshare.ledger.merkle.InclusionProof;
import io.smartshare.ledger.merkle.Proofs;
import io.smartshare.ledger.record.CheckpointMarker;
import io.smartshare.ledger.record.Record;
import io.smartshare.ledger.record.RecordBody;
import io.smartshare.ledger.record.RecordException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** {@link Ledger} over segment files, a tree-hash file and a checkpoint file. */
final class SegmentStore implements Ledger {
    private final LogState state;
    private final LogWriter writer;
    private final Optional<Truncation> recovery;

    SegmentStore(LogState state, LogWriter writer, Optional<Truncation> recovery) {
        this.state = state;
        this.writer = writer;
        this.recovery = recovery;
    }

    @Override
    public CompletableFuture<Record> append(RecordBody body) {
        return writer.submit(body);
    }

    @Override
    public CompletableFuture<SignedCheckpoint> publishCheckpoint() {
        return writer.checkpointNow();
    }

    @Override
    public long size() {
        return state.durableSize;
    }

    private long checkSize(String what, long size) {
        long durable = state.durableSize;
        if (size < 0 || size > durable) {
            throw new IllegalArgumentException(what + ": size " + size + " is outside 0.." + durable);
        }
        return size;
    }

    @Override
    public Hash root(long size) {
        return Proofs.root(state.tree, checkSize("root", size));
    }

    @Override
    public List<Record> read(long from, long to) {
        List<FrameReader.Frame> frames = frames(from, to);
        List<Record> records = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            try {
                records.add(Record.decode(frames.get(i).payload()));
            } catch (RecordException e) {
                throw new CorruptLogException(state.segmentOf(from + i).path, frames.get(i).offset(), "record "
                        + (from + i) + ": " + e.getMessage());
            }
        }
        return records;
    }

    @Override
    public List<byte[]> readEncoded(long from, long to) {
        return frames(from, to).stream().map(FrameReader.Frame::payload).toList();
    }

    /** The frames of records {@code [from, to)}. */
    private List<FrameReader.Frame> frames(long from, long to) {
        checkSize("read", to);
        if (from < 0 || from > to) {
            throw new IllegalArgumentException("read: range [" + from + ", " + to + ") is empty or reversed");
        }
        List<FrameReader.Frame> out = new ArrayList<>((int) Math.min(to - from, 4096));
        long seq = from;
        while (seq < to) {
            Segment segment = state.segmentOf(seq);
            long[] start = segment.seek(seq);
            FrameReader reader = new FrameReader(new ChannelInputStream(segment.channel, start[0], Long.MAX_VALUE,
                    16 * 1024), start[0]);
            long at = start[1];
            long segmentEnd = segment.firstSeq() + segment.recordCount();
            while (seq < to && at < segmentEnd) {
                FrameReader.Result result;
                try {
                    result = reader.next();
                } catch (IOException e) {
                    throw StorageException.io("read", segment.path, e);
                }
                if (!(result instanceof FrameReader.Frame frame)) {
                    throw new CorruptLogException(segment.path, result.offset(), "record " + at + " is unreadable: "
                            + result);
                }
                if (at >= seq) {
                    out.add(frame);
                    seq++;
                }
                at++;
            }
        }
        return out;
    }

    @Override
    public Optional<SignedCheckpoint> latestCheckpoint() {
        return state.latest;
    }

    @Override
    public List<Long> checkpointSizes() {
        long durable = state.durableSize;
        List<Long> sizes = new ArrayList<>();
        for (long seq : state.markers.toArray()) {
            if (seq < durable) {
                sizes.add(seq);
            }
        }
        state.latest.ifPresent(latest -> {
            if (sizes.isEmpty() || sizes.get(sizes.size() - 1) < latest.size()) {
                sizes.add(latest.size());
            }
        });
        return sizes;
    }

    @Override
    public Optional<SignedCheckpoint> checkpoint(long size) {
        Optional<SignedCheckpoint> latest = state.latest;
        if (latest.isPresent() && latest.get().size() == size) {
            return latest;
        }
        if (size < 0 || size >= state.durableSize) {
            return Optional.empty();
        }
        Record record = read(size, size + 1).get(0);
        if (record.body() instanceof CheckpointMarker marker) {
            return Optional.of(SignedCheckpoint.of(new Checkpoint(state.origin, marker.size(), marker.root()),
                    key(), marker.signature()));
        }
        return Optional.empty();
    }

    @Override
    public InclusionProof inclusionProof(long index, long size) {
        return Proofs.inclusion(state.tree, index, checkSize("inclusion proof", size));
    }

    @Override
    public ConsistencyProof consistencyProof(long from, long to) {
        return Proofs.consistency(state.tree, from, checkSize("consistency proof", to));
    }

    @Override
    public void export(OutputStream out) throws IOException {
        long size = state.durableSize;
        out.write(new SegmentHeader(0, key()).encode());
        ByteBuffer frame = ByteBuffer.allocate(Frames.HEADER + Record.MAX_ENCODED_LENGTH);
        for (long from = 0; from < size; from += 4096) {
            for (byte[] payload : readEncoded(from, Math.min(size, from + 4096))) {
                frame.clear();
                Frames.put(frame, payload);
                out.write(frame.array(), 0, frame.position());
            }
        }
        out.flush();
    }

    @Override
    public Ed25519PublicKey key() {
        return state.identity.publicKey();
    }

    @Override
    public String origin() {
        return state.origin;
    }

    @Override
    public Optional<Truncation> recovery() {
        return recovery;
    }

    @Override
    public void close() {
        writer.close();
        closeFiles(state);
    }

    /** Closes every open file of {@code state}; a failure to close is reported, not hidden. */
    static void closeFiles(LogState state) {
        StorageException failed = null;
        List<AutoCloseable> files = new ArrayList<>(state.segments);
        files.add(state.tree);
        files.add(state.lock);
        for (AutoCloseable file : files) {
            try {
                file.close();
            } catch (Exception e) {
                if (failed == null) {
                    failed = new StorageException(state.dir + ": closing files failed: " + e.getMessage(), e);
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }
}
