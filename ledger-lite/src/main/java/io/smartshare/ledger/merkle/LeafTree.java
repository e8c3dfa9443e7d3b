package io.smartshare.ledger.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * A small log's whole tree in memory: every complete subtree's hash, kept as leaves are
 * appended (one hash per leaf and per complete subtree: under two per leaf), so roots and
 * proofs of any size cost {@code O(log n)} lookups. For logs of thousands of leaves, such as
 * a beacon's; a ledger keeps its tree on disk instead. Not thread-safe.
 */
public final class LeafTree implements SubtreeSource {
    /** levels.get(l).get(i): the hash of complete subtree i at level l (level 0: the leaves). */
    private final List<List<Hash>> levels = new ArrayList<>();

    /** Appends a leaf's hash ({@link TreeHasher#leaf}). */
    public void append(Hash leaf) {
        Hash hash = leaf;
        for (int level = 0; ; level++) {
            if (levels.size() == level) {
                levels.add(new ArrayList<>());
            }
            List<Hash> row = levels.get(level);
            row.add(hash);
            if (row.size() % 2 != 0) {
                return;
            }
            hash = TreeHasher.node(row.get(row.size() - 2), row.get(row.size() - 1));
        }
    }

    /** The number of leaves. */
    public long size() {
        return levels.isEmpty() ? 0 : levels.get(0).size();
    }

    @Override
    public Hash subtree(int level, long index) {
        return levels.get(level).get((int) index);
    }

    /** The tree hash of the first {@code size} leaves. */
    public Hash root(long size) {
        return Proofs.root(this, size);
    }

    /** Proof that leaf {@code index} is in the tree of size {@code size}. */
    public InclusionProof inclusion(long index, long size) {
        return Proofs.inclusion(this, index, size);
    }

    /** Proof that the tree of size {@code from} is a prefix of that of size {@code to}. */
    public ConsistencyProof consistency(long from, long to) {
        return Proofs.consistency(this, from, to);
    }
}
