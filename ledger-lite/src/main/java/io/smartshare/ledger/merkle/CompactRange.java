package io.smartshare.ledger.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * The running tree hash of a growing log in O(log n) memory: the hashes of the complete
 * subtrees that make up the first {@code size} leaves, largest first. Not thread-safe.
 */
public final class CompactRange {
    private final List<Hash> peaks = new ArrayList<>();
    private long size;

    /** Receives each hash that becomes final when a leaf is appended (see {@link #append}). */
    @FunctionalInterface
    public interface Sink {
        void accept(int level, Hash hash);
    }

    /** An empty range (size 0). */
    public CompactRange() {
    }

    /**
     * Rebuilds the range of the first {@code size} leaves from stored subtree hashes.
     */
    public static CompactRange of(long size, SubtreeSource source) {
        CompactRange range = new CompactRange();
        long start = 0;
        for (int level = 63; level >= 0; level--) {
            long width = 1L << level;
            if ((size & width) != 0) {
                range.peaks.add(source.subtree(level, start >>> level));
                start += width;
            }
        }
        range.size = size;
        return range;
    }

    /** Appends a leaf hash; {@code sink} gets the leaf and every subtree it completes, lowest first. */
    public void append(Hash leaf, Sink sink) {
        sink.accept(0, leaf);
        Hash h = leaf;
        int level = 0;
        for (long s = size; (s & 1) == 1; s >>>= 1) {
            h = TreeHasher.node(peaks.remove(peaks.size() - 1), h);
            sink.accept(++level, h);
        }
        peaks.add(h);
        size++;
    }

    /** Appends a leaf hash. */
    public void append(Hash leaf) {
        append(leaf, (level, hash) -> { });
    }

    public long size() {
        return size;
    }

    /** The RFC 6962 tree hash of the leaves so far. */
    public Hash root() {
        if (peaks.isEmpty()) {
            return TreeHasher.EMPTY_ROOT;
        }
        Hash h = peaks.get(peaks.size() - 1);
        for (int i = peaks.size() - 2; i >= 0; i--) {
            h = TreeHasher.node(peaks.get(i), h);
        }
        return h;
    }
}
