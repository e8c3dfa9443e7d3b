package io.smartshare.node.storage;

import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.storage.StorageAgreement;
import io.smartshare.contracts.storage.StorageAudit;
import io.smartshare.contracts.storage.StorageTerms;
import io.smartshare.ledger.merkle.CompactRange;
import io.smartshare.ledger.merkle.Hash;
import io.smartshare.ledger.merkle.InclusionProof;
import io.smartshare.ledger.merkle.Proofs;
import io.smartshare.ledger.merkle.SubtreeSource;
import io.smartshare.ledger.merkle.TreeHasher;
import io.smartshare.ledger.storage.DurableFile;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * The contents this node holds for owners, in its storage directory (the board's {@code
 * storage.path}), within its share: one directory per agreement, named by its id, holding
 * {@code agreement.cbor} (the co-signed record), and either {@code content.part} (an upload
 * under way) or {@code content} and {@code leaves} (the content, complete, and its leaves'
 * hashes, for audit proofs) and {@code held-since} (when it became complete, Unix ms). Uploads
 * come in leaf order, whole leaves only, and are made durable every {@link #SYNC_BYTES} and at
 * the end, so an interrupted one resumes where it stopped; the content becomes {@code content} (by rename) only once its
 * RFC 6962 root is the agreed one, so a crash never leaves a partial content that is served as
 * complete. An agreement that ends (deleted by its owner, or its term over) keeps only {@code
 * agreement.cbor} and {@code ended} (Unix ms): its bytes leave the share, the time it was held
 * stays counted ({@link #heldByteMillis}), and the same agreement is never taken again.
 * Thread-safe (one monitor).
 */
public final class HeldContents {
    /** Why a request changed nothing. */
    public enum Refusal {
        /** The agreement would take this node over its storage share. */
        OVER_SHARE,
        /** No agreement with that id is held. */
        UNKNOWN,
        /** The content is complete: nothing more is taken. */
        COMPLETE,
        /** Not yet complete: nothing can be audited or read. */
        INCOMPLETE,
        /** An upload that does not continue where the content stops. */
        OUT_OF_ORDER,
        /** An upload that is not whole leaves (only the content's last leaf may be short). */
        NOT_WHOLE_LEAVES,
        /** The whole content's root is not the agreed one: the upload was dropped. */
        MISMATCH,
        /** The disk refused the write (full, read-only): what came is dropped. */
        DISK,
        /** The agreement was deleted or its term is over: it is never taken again. */
        ENDED
    }

    /** An audit answer: the challenged leaf and its inclusion proof. */
    public record Answer(long index, byte[] leaf, InclusionProof proof) {
    }

    static final String AGREEMENT = "agreement.cbor";
    static final String PART = "content.part";
    static final String CONTENT = "content";
    static final String LEAVES = "leaves";
    static final String SINCE = "held-since";
    static final String ENDED = "ended";
    /**
     * An upload is made durable (fsync) each time it crosses a multiple of this, and at its
     * end: a kill -9 loses nothing written (the page cache outlives the process); a power cut
     * may lose or damage what came since, which the root check at the end catches (the upload
     * then starts again). An fsync per request took half the upload's throughput.
     */
    static final long SYNC_BYTES = 256 * 1024;
    /** Room an agreement leaves free on the disk beyond its content and leaf hashes: its record and files. */
    static final long RESERVE_BYTES = 64 * 1024;

    private final Path dir;
    private final long shareBytes;
    private final LongSupplier clock;
    private final Map<String, StorageTerms> held = new LinkedHashMap<>();
    /** Complete contents: since when (Unix ms). */
    private final Map<String, Long> since = new HashMap<>();
    /** Agreements that ended: their terms, since when they were held (if ever complete), when they ended. */
    private final Map<String, Ended> ended = new LinkedHashMap<>();

    private record Ended(StorageTerms terms, long since, long ended) {
    }

    /** What {@link #heldByteMillis} reads: replaced whenever a content completes or ends. */
    private volatile List<Span> spans = List.of();
    /** Leaves received of uploads under way (from the last write, or the part's length at start): what {@link #received} answers. */
    private final Map<String, Long> arrived = new HashMap<>();
    private volatile List<Row> rows = List.of();

    private HeldContents(Path dir, long shareBytes, LongSupplier clock) {
        this.dir = dir;
        this.shareBytes = shareBytes;
        this.clock = clock;
    }

    /**
     * Opens the store in {@code dir} (made if absent), with what earlier runs left: an upload
     * cut in the middle of a leaf is cut back to its last whole leaf.
     *
     * @throws IOException if the directory cannot be read, or an agreement there is damaged
     */
    public static HeldContents open(Path dir, long shareBytes, LongSupplier clock) throws IOException {
        HeldContents store = new HeldContents(dir, shareBytes, clock);
        Files.createDirectories(dir);
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : sorted(entries)) {
                Path record = entry.resolve(AGREEMENT);
                if (!Files.isRegularFile(record)) {
                    continue;
                }
                StorageAgreement agreement = StorageAgreement.decode(Files.readAllBytes(record)).acceptedValue()
                        .orElseThrow(() -> new IOException(record + ": not a storage agreement this node signed"));
                StorageTerms terms = agreement.terms();
                if (Files.exists(entry.resolve(ENDED))) {
                    long end = readMillis(entry.resolve(ENDED));
                    long from = Files.exists(entry.resolve(SINCE)) ? readMillis(entry.resolve(SINCE)) : end;
                    store.ended.put(terms.idHex(), new Ended(terms, from, end));
                    continue;
                }
                store.held.put(terms.idHex(), terms);
                if (Files.exists(entry.resolve(CONTENT))) {
                    store.since.put(terms.idHex(), readMillis(entry.resolve(SINCE)));
                }
                Path part = entry.resolve(PART);
                if (Files.exists(part) && Files.size(part) != terms.size()) {
                    try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
                        channel.truncate(channel.size() / terms.leafSize() * terms.leafSize());
                        store.arrived.put(terms.idHex(), channel.size() / terms.leafSize());
                    }
                } else if (Files.exists(part)) {
                    store.complete(terms.idHex(), terms); // all of it came, the crash was before the rename
                }
            }
        }
        store.publish();
        return store;
    }

    /** The bytes agreed so far (complete or not): what counts against the share. */
    public synchronized long used() {
        long used = 0;
        for (StorageTerms terms : held.values()) {
            used += terms.size();
        }
        return used;
    }

    /** The agreements held, by id. */
    public synchronized Map<String, StorageTerms> agreements() {
        return Map.copyOf(held);
    }

    /** The terms of agreement {@code id}, if it is held. */
    public synchronized Optional<StorageTerms> terms(String id) {
        return Optional.ofNullable(held.get(id));
    }

    /** Takes {@code agreement} if it fits the share (an agreement already held is taken again); nothing written otherwise. */
    public synchronized Outcome<StorageTerms, Refusal> admit(StorageAgreement agreement) {
        StorageTerms terms = agreement.terms();
        if (held.containsKey(terms.idHex())) {
            return Outcome.accepted(terms);
        }
        if (ended.containsKey(terms.idHex()) || terms.end() * 1000 <= clock.getAsLong()) {
            return Outcome.rejected(Refusal.ENDED, "storage agreement " + terms.idHex()
                    + " has ended (deleted, or its term is over); propose a new one");
        }
        if (used() + terms.size() > shareBytes) {
            return Outcome.rejected(Refusal.OVER_SHARE, "storing " + terms.size() + " bytes would take this node's share "
                    + "to " + (used() + terms.size()) + " of " + shareBytes + " bytes");
        }
        Path home = dir.resolve(terms.idHex());
        try {
            long free = Files.getFileStore(dir).getUsableSpace();
            if (free < terms.size() + terms.leaves() * Hash.LENGTH + RESERVE_BYTES) {
                return Outcome.rejected(Refusal.DISK, "storing " + terms.size() + " bytes: the disk under " + dir
                        + " has " + free + " bytes free");
            }
            Files.createDirectories(home);
            DurableFile.replace(home.resolve(AGREEMENT), agreement.encode());
        } catch (IOException e) {
            deleteQuietly(home);
            return Outcome.rejected(Refusal.DISK, "agreement " + terms.idHex() + ": " + e.getMessage());
        }
        held.put(terms.idHex(), terms);
        publish();
        return Outcome.accepted(terms);
    }

    /** The leaves received of agreement {@code id}: where an upload resumes; all of them once complete. */
    public synchronized Outcome<Long, Refusal> received(String id) {
        StorageTerms terms = held.get(id);
        if (terms == null) {
            return unknown(id);
        }
        return Outcome.accepted(since.containsKey(id) ? terms.leaves() : arrived.getOrDefault(id, 0L));
    }

    /**
     * Appends {@code bytes}, whole leaves from leaf {@code from} on, to the upload of agreement
     * {@code id}; once the last leaf is in, checks the content's root and makes it complete.
     *
     * @return the leaves received after this write
     */
    public synchronized Outcome<Long, Refusal> write(String id, long from, byte[] bytes) {
        Outcome<Long, Refusal> now = received(id);
        if (now.rejection().isPresent()) {
            return now;
        }
        StorageTerms terms = held.get(id);
        long received = now.acceptedValue().get();
        if (received == terms.leaves()) {
            return Outcome.rejected(Refusal.COMPLETE, id + ": the content is complete");
        }
        if (from != received) {
            return Outcome.rejected(Refusal.OUT_OF_ORDER, id + ": expected leaf " + received + ", found " + from);
        }
        long offset = from * terms.leafSize();
        long end = offset + bytes.length;
        if (bytes.length == 0 || end > terms.size() || (bytes.length % terms.leafSize() != 0 && end != terms.size())) {
            return Outcome.rejected(Refusal.NOT_WHOLE_LEAVES, id + ": " + bytes.length + " bytes from leaf " + from
                    + " are not whole leaves of " + terms.leafSize() + " bytes within " + terms.size());
        }
        Path part = dir.resolve(id).resolve(PART);
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            try {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer, offset + buffer.position());
                }
                if (end / SYNC_BYTES != offset / SYNC_BYTES || end == terms.size()) {
                    channel.force(false);
                }
            } catch (IOException e) {
                channel.truncate(offset);
                throw e;
            }
        } catch (IOException e) {
            return Outcome.rejected(Refusal.DISK, id + ": " + e.getMessage());
        }
        if (end == terms.size()) {
            return complete(id, terms);
        }
        long leaves = (end + terms.leafSize() - 1) / terms.leafSize();
        arrived.put(id, leaves);
        publish();
        return Outcome.accepted(leaves);
    }

    /**
     * Checks the uploaded content's root, writing its leaves' hashes as it goes (32 bytes a
     * leaf, on disk: a large content's would not fit the heap); on a match renames it complete.
     */
    private Outcome<Long, Refusal> complete(String id, StorageTerms terms) {
        Path home = dir.resolve(id);
        Path part = home.resolve(PART);
        Path hashes = home.resolve(LEAVES);
        try {
            CompactRange range = new CompactRange();
            try (FileChannel content = FileChannel.open(part, StandardOpenOption.READ);
                 FileChannel out = FileChannel.open(hashes, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                         StandardOpenOption.TRUNCATE_EXISTING)) {
                for (long i = 0; i < terms.leaves(); i++) {
                    Hash leaf = TreeHasher.leaf(readLeaf(content, terms, i));
                    range.append(leaf);
                    ByteBuffer bytes = ByteBuffer.wrap(leaf.bytes());
                    while (bytes.hasRemaining()) {
                        out.write(bytes, i * Hash.LENGTH + bytes.position());
                    }
                }
                out.force(false);
            }
            if (!range.root().equals(Hash.of(terms.root()))) {
                Files.delete(part);
                Files.delete(hashes);
                arrived.remove(id);
                publish();
                return Outcome.rejected(Refusal.MISMATCH, id + ": the content's root is " + range.root().hex()
                        + ", the agreement's " + Hash.of(terms.root()).hex() + "; send it again");
            }
            long now = clock.getAsLong();
            DurableFile.replace(home.resolve(SINCE), Long.toString(now).getBytes(StandardCharsets.US_ASCII));
            Files.move(part, home.resolve(CONTENT), StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel directory = FileChannel.open(home, StandardOpenOption.READ)) {
                directory.force(true);
            }
            since.put(id, now);
            arrived.remove(id);
            publish();
            return Outcome.accepted(terms.leaves());
        } catch (IOException e) {
            return Outcome.rejected(Refusal.DISK, id + ": " + e.getMessage());
        }
    }

    /** The answer to audit challenge {@code nonce} of agreement {@code id}. */
    public synchronized Outcome<Answer, Refusal> audit(String id, byte[] nonce) {
        StorageTerms terms = held.get(id);
        if (terms == null) {
            return unknown(id);
        }
        Path home = dir.resolve(id);
        if (!Files.exists(home.resolve(CONTENT))) {
            return Outcome.rejected(Refusal.INCOMPLETE, id + ": the content is not complete");
        }
        long index = StorageAudit.challengedLeaf(terms, nonce);
        try (FileChannel content = FileChannel.open(home.resolve(CONTENT), StandardOpenOption.READ);
             FileChannel leaves = FileChannel.open(home.resolve(LEAVES), StandardOpenOption.READ)) {
            InclusionProof proof = Proofs.inclusion(subtrees(leaves), index, terms.leaves());
            return Outcome.accepted(new Answer(index, readLeaf(content, terms, index), proof));
        } catch (IOException | UncheckedIOException e) {
            return Outcome.rejected(Refusal.DISK, id + ": " + e.getMessage());
        }
    }

    /** Up to {@code count} leaves of the complete content of {@code id} from leaf {@code from}, for its owner's {@code get}. */
    public synchronized Outcome<byte[], Refusal> read(String id, long from, int count) {
        StorageTerms terms = held.get(id);
        if (terms == null) {
            return unknown(id);
        }
        Path content = dir.resolve(id).resolve(CONTENT);
        if (!Files.exists(content)) {
            return Outcome.rejected(Refusal.INCOMPLETE, id + ": the content is not complete");
        }
        if (from < 0 || from >= terms.leaves() || count < 1) {
            return Outcome.rejected(Refusal.OUT_OF_ORDER, id + ": no leaves " + from + " (+" + count + ") of "
                    + terms.leaves());
        }
        long offset = from * terms.leafSize();
        int length = (int) Math.min((long) count * terms.leafSize(), terms.size() - offset);
        try (FileChannel channel = FileChannel.open(content, StandardOpenOption.READ)) {
            return Outcome.accepted(readFully(channel, offset, length));
        } catch (IOException e) {
            return Outcome.rejected(Refusal.DISK, id + ": " + e.getMessage());
        }
    }

    /**
     * Ends agreement {@code id} now (its owner deleted it): deletes its content, so its bytes
     * leave the share; the time it was held stays counted.
     */
    public synchronized Outcome<StorageTerms, Refusal> delete(String id) {
        StorageTerms terms = held.get(id);
        if (terms == null) {
            return unknown(id);
        }
        return end(id, terms, clock.getAsLong());
    }

    /** Ends every agreement whose term is over at {@code nowMillis}; returns their ids. */
    public synchronized List<String> expire(long nowMillis) {
        List<String> over = held.values().stream().filter(t -> t.end() * 1000 <= nowMillis)
                .map(StorageTerms::idHex).toList();
        over.forEach(id -> end(id, held.get(id), held.get(id).end() * 1000));
        return over;
    }

    private Outcome<StorageTerms, Refusal> end(String id, StorageTerms terms, long atMillis) {
        Path home = dir.resolve(id);
        try {
            DurableFile.replace(home.resolve(ENDED), Long.toString(atMillis).getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return Outcome.rejected(Refusal.DISK, id + ": " + e.getMessage());
        }
        for (String name : List.of(CONTENT, PART, LEAVES)) {
            try {
                Files.deleteIfExists(home.resolve(name));
            } catch (IOException e) {
                // the agreement has ended: open() never reads what stays of it
            }
        }
        held.remove(id);
        arrived.remove(id);
        Long from = since.remove(id);
        ended.put(id, new Ended(terms, from == null ? atMillis : from, atMillis));
        publish();
        return Outcome.accepted(terms);
    }

    /**
     * The byte-milliseconds each owner's contents have been held complete, up to {@code
     * nowMillis}: size times the time from completion to the end of the term, the end of the
     * agreement or now, whichever is first; ended agreements included, so it never decreases.
     * Reads a snapshot, never waits for a write.
     */
    public Map<Ed25519PublicKey, BigInteger> heldByteMillis(long nowMillis) {
        Map<Ed25519PublicKey, BigInteger> totals = new HashMap<>();
        for (Span span : spans) {
            long end = Math.min(Math.min(nowMillis, span.ended()), span.terms().end() * 1000);
            long start = Math.max(span.since(), span.terms().start() * 1000);
            if (end > start) {
                totals.merge(span.terms().owner(), BigInteger.valueOf(span.terms().size())
                        .multiply(BigInteger.valueOf(end - start)), BigInteger::add);
            }
        }
        return totals;
    }

    /** A content held complete from {@code since} until {@code ended} ({@code Long.MAX_VALUE} while held). */
    private record Span(StorageTerms terms, long since, long ended) {
    }

    /** One agreement held, as {@code /storage} shows it. */
    public record Row(StorageTerms terms, long received, OptionalLong completeSince) {
    }

    /** The agreements held and how far each came, as last changed: read without waiting for a write. */
    public List<Row> rows() {
        return rows;
    }

    private void publish() {
        List<Row> nextRows = new ArrayList<>();
        for (Map.Entry<String, StorageTerms> e : held.entrySet()) {
            Long from = since.get(e.getKey());
            nextRows.add(new Row(e.getValue(), from != null ? e.getValue().leaves() : arrived.getOrDefault(e.getKey(), 0L),
                    from != null ? OptionalLong.of(from) : OptionalLong.empty()));
        }
        rows = List.copyOf(nextRows);
        List<Span> next = new ArrayList<>();
        for (Map.Entry<String, Long> e : since.entrySet()) {
            next.add(new Span(held.get(e.getKey()), e.getValue(), Long.MAX_VALUE));
        }
        for (Ended e : ended.values()) {
            next.add(new Span(e.terms(), e.since(), e.ended()));
        }
        spans = List.copyOf(next);
    }

    private static <T> Outcome<T, Refusal> unknown(String id) {
        return Outcome.rejected(Refusal.UNKNOWN, "no storage agreement " + id + " is held here");
    }

    /** The subtree hashes of a content's tree, from its leaves' hashes on disk. */
    private static SubtreeSource subtrees(FileChannel leaves) {
        return new SubtreeSource() {
            @Override
            public Hash subtree(int level, long index) {
                if (level > 0) {
                    return TreeHasher.node(subtree(level - 1, 2 * index), subtree(level - 1, 2 * index + 1));
                }
                try {
                    return Hash.of(readFully(leaves, index * Hash.LENGTH, Hash.LENGTH));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private static byte[] readLeaf(FileChannel channel, StorageTerms terms, long index) throws IOException {
        return readFully(channel, index * terms.leafSize(), terms.leafLength(index));
    }

    /** {@code length} bytes of {@code channel} from {@code offset}; an {@link IOException} if it ends before. */
    static byte[] readFully(FileChannel channel, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new IOException("ends before byte " + (offset + length));
            }
        }
        return buffer.array();
    }

    /** The entries of a directory, sorted (without streams: this runs at every start). */
    static List<Path> sorted(Stream<Path> entries) {
        List<Path> list = new ArrayList<>();
        entries.iterator().forEachRemaining(list::add);
        Collections.sort(list);
        return list;
    }

    private static long readMillis(Path file) throws IOException {
        try {
            return Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (NumberFormatException e) {
            throw new IOException(file + ": not a time in Unix ms", e);
        }
    }

    private static void deleteQuietly(Path home) {
        try (Stream<Path> files = Files.walk(home)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // what stays is an orphan directory without an agreement: open() skips it
        }
    }
}
