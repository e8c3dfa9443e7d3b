package io.smartshare.ledger.verify;

import io.smartshare.ledger.checkpoint.Checkpoint;
import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.merkle.CompactRange;
import io.smartshare.ledger.merkle.Hash;
import io.smartshare.ledger.merkle.InclusionProof;
import io.smartshare.ledger.merkle.TreeHasher;
import io.smartshare.ledger.record.CheckpointMarker;
import io.smartshare.ledger.record.Record;
import io.smartshare.ledger.record.RecordException;
import io.smartshare.ledger.checkpoint.CheckpointException;
import io.smartshare.ledger.storage.FrameReader;
import io.smartshare.ledger.storage.LogStores;
import io.smartshare.ledger.storage.SegmentHeader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.TreeMap;

/**
 * Verifies a foreign log from its first record, streaming, in O(log n) memory
 * (docs/ledger-format.md §7): strict decoding, seq, prev chain, receipt signatures, every
 * checkpoint marker's root and signature, and any checkpoints supplied with {@link #expect}.
 * A bad log is a {@link VerificationResult.Rejected} result, not an exception. Not
 * thread-safe; one instance per log.
 */
public final class LogVerifier {
    private final Ed25519PublicKey key;
    private final String origin;
    private final CompactRange range = new CompactRange();
    private final TreeMap<Long, SignedCheckpoint> expected = new TreeMap<>();
    private Hash lastLeaf = Hash.ZERO;
    private int checkpointsVerified;
    private Optional<SignedCheckpoint> latest = Optional.empty();
    private Optional<VerificationResult.Rejected> rejected = Optional.empty();

    /** A verifier for the log of {@code key}, whose origin is {@code smartshare/ledger/<node-id of key>}. */
    public LogVerifier(Ed25519PublicKey key) {
        this.key = key;
        this.origin = Checkpoint.originOf(NodeId.of(key));
    }

    /** Records verified so far. */
    public long size() {
        return range.size();
    }

    /**
     * Adds a checkpoint obtained elsewhere (e.g. from a peer or beacon) that the log must
     * match when it reaches that size.
     */
    public Optional<VerificationResult.Rejected> expect(SignedCheckpoint checkpoint) {
        if (!checkpoint.origin().equals(origin) || !checkpoint.isSignedBy(key)) {
            return reject(checkpoint.size(), "supplied checkpoint of size " + checkpoint.size()
                    + " is not signed by the log key " + key + " under origin " + origin);
        }
        if (checkpoint.size() < range.size()) {
            return reject(checkpoint.size(), "supplied checkpoint of size " + checkpoint.size()
                    + " is behind the records already verified (" + range.size() + ")");
        }
        expected.put(checkpoint.size(), checkpoint);
        return checkExpected();
    }

    /** Checks the next record, given encoded as stored; returns the rejection if any. */
    public Optional<VerificationResult.Rejected> next(byte[] encoded) {
        if (rejected.isPresent()) {
            return rejected;
        }
        Record record;
        try {
            record = Record.decode(encoded);
        } catch (RecordException e) {
            return reject(range.size(), e.getMessage());
        }
        return next(record, TreeHasher.leaf(encoded), r -> { });
    }

    /** Checks the next record, decoded, whose encoding has the leaf hash {@code leaf}. */
    private Optional<VerificationResult.Rejected> next(Record record, Hash leaf, Consumer<Record> onRecord) {
        if (rejected.isPresent()) {
            return rejected;
        }
        long seq = range.size();
        if (record.seq() != seq) {
            return reject(seq, "seq: expected " + seq + ", found " + record.seq());
        }
        if (!record.prev().equals(lastLeaf)) {
            return reject(seq, "prev: expected " + lastLeaf + ", found " + record.prev());
        }
        if (record.body() instanceof CheckpointMarker marker) {
            Hash root = range.root();
            Optional<String> problem = marker.problem(seq, root, origin, key);
            if (problem.isPresent()) {
                return reject(seq, problem.get());
            }
            checkpointsVerified++;
            latest = Optional.of(SignedCheckpoint.of(new Checkpoint(origin, seq, root), key, marker.signature()));
        }
        lastLeaf = leaf;
        range.append(leaf);
        onRecord.accept(record);
        return checkExpected();
    }

    private Optional<VerificationResult.Rejected> checkExpected() {
        SignedCheckpoint due = expected.get(range.size());
        if (due != null) {
            expected.remove(range.size());
            Hash root = range.root();
            if (!due.root().equals(root)) {
                return reject(due.size(), "supplied checkpoint of size " + due.size() + " has root " + due.root()
                        + ", the records hash to " + root);
            }
            checkpointsVerified++;
            if (latest.map(l -> l.size() <= due.size()).orElse(true)) {
                latest = Optional.of(due);
            }
        }
        return Optional.empty();
    }

    private Optional<VerificationResult.Rejected> reject(long seq, String reason) {
        if (rejected.isEmpty()) {
            rejected = Optional.of(new VerificationResult.Rejected(seq, reason));
        }
        return rejected;
    }

    /** The verdict on everything fed so far; supplied checkpoints beyond the end reject. */
    public VerificationResult result() {
        if (rejected.isPresent()) {
            return rejected.get();
        }
        if (!expected.isEmpty()) {
            long size = expected.firstKey();
            return new VerificationResult.Rejected(size, "the log ends after " + range.size()
                    + " records, before the supplied checkpoint of size " + size);
        }
        return new VerificationResult.Accepted(range.size(), range.root(), checkpointsVerified, latest);
    }

    /**
     * Verifies a whole log given as one segment stream from seq 0 (what {@code ledger
     * export} writes).
     *
     * @throws IOException only if reading {@code in} fails
     */
    public VerificationResult verify(InputStream in) throws IOException {
        SegmentChecker checker = new SegmentChecker(List.of(""), false, record -> { });
        try {
            SegmentSteps.read(in, checker);
        } catch (InterruptedException e) {
            throw new IllegalStateException("a segment checker is never interrupted", e);
        }
        return checker.verdict();
    }

    /**
     * Verifies the log files in {@code ledgerDir} (its segments and its checkpoint file)
     * without changing them, on the calling thread; safe while the log's writer runs: a
     * frame cut off at the very end of the last segment is taken as not yet written. Each
     * verified record is passed to {@code onRecord} (for {@code ledger show}).
     *
     * @throws IOException only if the files cannot be read
     */
    public VerificationResult verifyDirectory(Path ledgerDir, Consumer<Record> onRecord) throws IOException {
        Optional<VerificationResult.Rejected> bad = expectCheckpointFile(ledgerDir);
        if (bad.isPresent()) {
            return bad.get();
        }
        List<Path> segments = LogStores.segmentFiles(ledgerDir);
        SegmentChecker checker = new SegmentChecker(labels(segments), true, onRecord);
        for (Path segment : segments) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(segment), 1 << 16)) {
                if (!SegmentSteps.read(in, checker)) {
                    break;
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException("a segment checker is never interrupted", e);
            }
        }
        return checker.verdict();
    }

    /**
     * Like {@link #verifyDirectory}, with the same verdicts, on two threads: a second thread
     * ({@code ledger-verify-read}) reads, CRC-checks, decodes and leaf-hashes the records
     * ahead of the calling thread, which checks the chain, the tree and the signatures. For
     * a device with a second core to spare; memory stays O(log n) plus about a megabyte of
     * read-ahead.
     *
     * @throws IOException only if the files cannot be read
     */
    public VerificationResult verifyDirectoryReadingAhead(Path ledgerDir, Consumer<Record> onRecord)
            throws IOException {
        Optional<VerificationResult.Rejected> bad = expectCheckpointFile(ledgerDir);
        if (bad.isPresent()) {
            return bad.get();
        }
        List<Path> segments = LogStores.segmentFiles(ledgerDir);
        SegmentChecker checker = new SegmentChecker(labels(segments), true, onRecord);
        try (ReadAhead ahead = ReadAhead.start(segments)) {
            ahead.feed(checker);
        }
        return checker.verdict();
    }

    private static List<String> labels(List<Path> segments) {
        return segments.stream().map(p -> p + ": ").toList();
    }

    /** Expects the checkpoint in the log's checkpoint file, if there is one. */
    private Optional<VerificationResult.Rejected> expectCheckpointFile(Path ledgerDir) throws IOException {
        Path checkpointFile = LogStores.checkpointFile(ledgerDir);
        if (!Files.exists(checkpointFile)) {
            return Optional.empty();
        }
        try {
            return expect(SignedCheckpoint.parse(Files.readAllBytes(checkpointFile)));
        } catch (CheckpointException e) {
            return reject(0, checkpointFile + ": " + e.getMessage());
        }
    }

    /**
     * Checks the {@link ReadStep}s of consecutive segments; a rejection is reported with the
     * label of the segment it is in. A cut-off final frame ends the last segment quietly if
     * {@code liveTail}.
     */
    private final class SegmentChecker implements SegmentSteps.Sink {
        private final List<String> labels;
        private final boolean liveTail;
        private final Consumer<Record> onRecord;
        private int index = -1;
        private Optional<VerificationResult.Rejected> bad = Optional.empty();

        SegmentChecker(List<String> labels, boolean liveTail, Consumer<Record> onRecord) {
            this.labels = labels;
            this.liveTail = liveTail;
            this.onRecord = onRecord;
        }

        @Override
        public boolean accept(ReadStep step) {
            Optional<VerificationResult.Rejected> r = check(step);
            if (r.isPresent()) {
                bad = Optional.of(new VerificationResult.Rejected(r.get().seq(), labels.get(index) + r.get().reason()));
                return false;
            }
            return true;
        }

        private Optional<VerificationResult.Rejected> check(ReadStep step) {
            if (step instanceof ReadStep.Decoded d) {
                return next(d.record(), d.leaf(), onRecord);
            }
            if (step instanceof ReadStep.Start s) {
                index++;
                return header(s.header());
            }
            if (step instanceof ReadStep.Undecodable u) {
                return reject(range.size(), u.reason());
            }
            FrameReader.Result end = ((ReadStep.Stop) step).end();
            if (end instanceof FrameReader.Damaged d && !(liveTail && index == labels.size() - 1 && d.cutOff())) {
                return reject(range.size(), "offset " + d.offset() + ": " + d.reason());
            }
            return Optional.empty();
        }

        VerificationResult verdict() {
            return bad.map(VerificationResult.class::cast).orElseGet(LogVerifier.this::result);
        }
    }

    private Optional<VerificationResult.Rejected> header(byte[] headerBytes) {
        SegmentHeader header;
        try {
            header = SegmentHeader.decode(headerBytes);
        } catch (IllegalArgumentException e) {
            return reject(range.size(), e.getMessage());
        }
        if (!header.key().equals(key) || header.firstSeq() != range.size()) {
            return reject(range.size(), "segment header: expected key " + key + " and first seq " + range.size()
                    + ", found " + header.key() + " and " + header.firstSeq());
        }
        return Optional.empty();
    }

    /**
     * Verifies one entry against a signed checkpoint with an inclusion proof, without the
     * rest of the log.
     */
    public static VerificationResult verifyEntry(Ed25519PublicKey key, SignedCheckpoint checkpoint, byte[] encoded,
            InclusionProof proof) {
        return verifyRange(key, checkpoint, List.of(encoded), proof);
    }

    /**
     * Verifies a run of consecutive entries (as served by {@code /ledger/entries}) against a
     * signed checkpoint: each decodes strictly, seqs are consecutive, each {@code prev} is
     * the leaf hash of the entry before it, and {@code proofOfLast} proves the last entry is
     * in the checkpoint's tree. The hash chain then commits the checkpoint to every entry.
     */
    public static VerificationResult verifyRange(Ed25519PublicKey key, SignedCheckpoint checkpoint,
            List<byte[]> entries, InclusionProof proofOfLast) {
        String origin = Checkpoint.originOf(NodeId.of(key));
        long first = proofOfLast.index() - entries.size() + 1;
        if (entries.isEmpty() || first < 0) {
            return new VerificationResult.Rejected(proofOfLast.index(), "range of " + entries.size()
                    + " entries cannot end at index " + proofOfLast.index());
        }
        if (!checkpoint.origin().equals(origin) || !checkpoint.isSignedBy(key)) {
            return new VerificationResult.Rejected(first, "checkpoint is not signed by " + key);
        }
        if (proofOfLast.size() != checkpoint.size()) {
            return new VerificationResult.Rejected(proofOfLast.index(), "proof is for size " + proofOfLast.size()
                    + ", the checkpoint for " + checkpoint.size());
        }
        Hash leaf = null;
        for (int i = 0; i < entries.size(); i++) {
            long seq = first + i;
            Record record;
            try {
                record = Record.decode(entries.get(i));
            } catch (RecordException e) {
                return new VerificationResult.Rejected(seq, e.getMessage());
            }
            if (record.seq() != seq) {
                return new VerificationResult.Rejected(seq, "seq: expected " + seq + ", found " + record.seq());
            }
            if (leaf != null && !record.prev().equals(leaf)) {
                return new VerificationResult.Rejected(seq, "prev: expected " + leaf + ", found " + record.prev());
            }
            leaf = TreeHasher.leaf(entries.get(i));
        }
        if (!proofOfLast.verify(leaf, checkpoint.root())) {
            return new VerificationResult.Rejected(proofOfLast.index(), "inclusion proof does not lead to the root "
                    + checkpoint.root());
        }
        return new VerificationResult.Accepted(checkpoint.size(), checkpoint.root(), 1, Optional.of(checkpoint));
    }
}
