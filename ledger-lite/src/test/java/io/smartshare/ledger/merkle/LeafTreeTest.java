package io.smartshare.ledger.merkle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The in-memory tree against {@link ReferenceTree}: every root and proof of every size up to 64. */
class LeafTreeTest {
    private static final int MAX = 64;
    private static final ReferenceTree TREE = new ReferenceTree(MAX);

    @Test
    void rootsAndProofsEqualTheReferenceForEverySize() {
        LeafTree tree = new LeafTree();
        assertEquals(TreeHasher.EMPTY_ROOT, tree.root(0));
        for (int n = 1; n <= MAX; n++) {
            tree.append(TREE.leaves.get(n - 1));
            assertEquals(n, tree.size());
            for (int size = 1; size <= n; size++) {
                assertEquals(TREE.root(size), tree.root(size), "root of " + size + " with " + n + " leaves");
                for (int i = 0; i < size; i++) {
                    assertEquals(TREE.path(i, 0, size), tree.inclusion(i, size).path(), "PATH(" + i + ", " + size + ")");
                }
                assertEquals(Proofs.consistency(TREE.source(), size, n), tree.consistency(size, n));
            }
        }
    }
}
