package io.smartshare.ledger.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds RFC 6962 §2.1.1 inclusion proofs and §2.1.2 consistency proofs from the stored
 * complete-subtree hashes of a log, reading O(log n) hashes. Stateless.
 */
public final class Proofs {
    private Proofs() {
    }

    /** The tree hash of the first {@code size} leaves. */
    public static Hash root(SubtreeSource source, long size) {
        return size == 0 ? TreeHasher.EMPTY_ROOT : range(source, 0, size);
    }

    /**
     * The proof that leaf {@code index} is in the tree of the first {@code size} leaves.
     *
     * @throws IllegalArgumentException unless {@code 0 <= index < size}
     */
    public static InclusionProof inclusion(SubtreeSource source, long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("inclusion proof: index " + index + " not in a tree of size " + size);
        }
        List<Hash> path = new ArrayList<>();
        long a = 0;
        long b = size;
        List<Hash> reversed = new ArrayList<>();
        while (b - a > 1) {
            long k = Long.highestOneBit(b - a - 1);
            if (index - a < k) {
                reversed.add(range(source, a + k, b));
                b = a + k;
            } else {
                reversed.add(range(source, a, a + k));
                a = a + k;
            }
        }
        for (int i = reversed.size() - 1; i >= 0; i--) {
            path.add(reversed.get(i));
        }
        return new InclusionProof(index, size, path);
    }

    /**
     * The proof that the tree of size {@code from} is a prefix of the tree of size {@code to}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= from <= to}
     */
    public static ConsistencyProof consistency(SubtreeSource source, long from, long to) {
        if (from < 0 || from > to) {
            throw new IllegalArgumentException("consistency proof: sizes " + from + " to " + to + " are out of order");
        }
        List<Hash> reversed = new ArrayList<>();
        if (from > 0 && from < to) {
            long m = from;
            long a = 0;
            long b = to;
            boolean complete = true;
            while (m != b - a) {
                long k = Long.highestOneBit(b - a - 1);
                if (m <= k) {
                    reversed.add(range(source, a + k, b));
                    b = a + k;
                } else {
                    reversed.add(range(source, a, a + k));
                    m -= k;
                    a += k;
                    complete = false;
                }
            }
            if (!complete) {
                reversed.add(range(source, a, b));
            }
        }
        List<Hash> path = new ArrayList<>(reversed.size());
        for (int i = reversed.size() - 1; i >= 0; i--) {
            path.add(reversed.get(i));
        }
        return new ConsistencyProof(from, to, path);
    }

    /** MTH of leaves [a, b), b > a. */
    private static Hash range(SubtreeSource source, long a, long b) {
        long n = b - a;
        if (Long.bitCount(n) == 1 && a % n == 0) {
            return source.subtree(Long.numberOfTrailingZeros(n), a / n);
        }
        long k = Long.highestOneBit(n - 1);
        return TreeHasher.node(range(source, a, a + k), range(source, a + k, b));
    }
}
