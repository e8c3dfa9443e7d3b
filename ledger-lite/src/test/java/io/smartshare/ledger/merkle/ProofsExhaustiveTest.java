package io.smartshare.ledger.merkle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.ledger.cbor.Cbor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every size up to 64, every leaf and every prefix size, against {@link ReferenceTree}. */
class ProofsExhaustiveTest {
    private static final int MAX = 64;
    private static final ReferenceTree TREE = new ReferenceTree(MAX);
    private static final Hash OTHER = TreeHasher.leaf(new byte[] {42});

    @Test
    void compactRangeRootEqualsTheTreeHashForEverySize() {
        CompactRange range = new CompactRange();
        assertEquals(TreeHasher.EMPTY_ROOT, range.root());
        for (int n = 1; n <= MAX; n++) {
            range.append(TREE.leaves.get(n - 1));
            assertEquals(TREE.root(n), range.root(), "size " + n);
            assertEquals(TREE.root(n), CompactRange.of(n, TREE.source()).root(), "rebuilt size " + n);
            assertEquals(TREE.root(n), Proofs.root(TREE.source(), n), "proof root size " + n);
        }
    }

    @Test
    void inclusionProofsMatchRfc6962AndVerifyForEveryLeafOfEverySize() {
        int checked = 0;
        for (int n = 1; n <= MAX; n++) {
            Hash root = TREE.root(n);
            for (int i = 0; i < n; i++) {
                InclusionProof proof = Proofs.inclusion(TREE.source(), i, n);
                assertEquals(TREE.path(i, 0, n), proof.path(), "PATH(" + i + ", " + n + ")");
                assertTrue(proof.verify(TREE.leaves.get(i), root), "verify " + i + " in " + n);
                assertEquals(proof, InclusionProof.fromCbor(Cbor.decode(Cbor.encode(proof.toCbor()))));
                assertRejectsTampering(proof, TREE.leaves.get(i), root);
                checked++;
            }
        }
        assertEquals(MAX * (MAX + 1) / 2, checked);
    }

    private static void assertRejectsTampering(InclusionProof proof, Hash leaf, Hash root) {
        long i = proof.index();
        long n = proof.size();
        assertFalse(proof.verify(OTHER, root), "other leaf");
        assertFalse(proof.verify(leaf, OTHER), "other root");
        if (n > 1) {
            int other = (int) ((i + 1) % n);
            assertFalse(proof.verify(TREE.leaves.get(other), root), "leaf " + other + " at index " + i);
            assertFalse(new InclusionProof((i + 1) % n, n, proof.path()).verify(leaf, root), "wrong index");
        }
        assertFalse(new InclusionProof(n, n, proof.path()).verify(leaf, root), "index = size");
        for (int k = 0; k < proof.path().size(); k++) {
            List<Hash> path = new ArrayList<>(proof.path());
            path.set(k, OTHER);
            assertFalse(new InclusionProof(i, n, path).verify(leaf, root), "path element " + k);
        }
        List<Hash> longer = new ArrayList<>(proof.path());
        longer.add(OTHER);
        assertFalse(new InclusionProof(i, n, longer).verify(leaf, root), "extra element");
        if (!proof.path().isEmpty()) {
            assertFalse(new InclusionProof(i, n, proof.path().subList(1, proof.path().size())).verify(leaf, root),
                    "missing element");
        }
    }

    @Test
    void consistencyProofsMatchRfc6962AndVerifyForEveryPairOfSizes() {
        int checked = 0;
        for (int n = 1; n <= MAX; n++) {
            Hash rootN = TREE.root(n);
            for (int m = 0; m <= n; m++) {
                Hash rootM = TREE.root(m);
                ConsistencyProof proof = Proofs.consistency(TREE.source(), m, n);
                assertEquals(TREE.proof(m, n), proof.path(), "PROOF(" + m + ", " + n + ")");
                assertTrue(proof.verify(rootM, rootN), "verify " + m + " to " + n);
                assertEquals(proof, ConsistencyProof.fromCbor(Cbor.decode(Cbor.encode(proof.toCbor()))));
                if (m > 0 && m < n) {
                    assertFalse(proof.verify(OTHER, rootN), "other first root");
                    assertFalse(proof.verify(rootM, OTHER), "other second root");
                    assertFalse(proof.verify(rootN, rootM), "roots swapped");
                    for (int k = 0; k < proof.path().size(); k++) {
                        List<Hash> path = new ArrayList<>(proof.path());
                        path.set(k, OTHER);
                        assertFalse(new ConsistencyProof(m, n, path).verify(rootM, rootN), "path element " + k);
                    }
                    if (m > 1) {
                        assertFalse(new ConsistencyProof(m - 1, n, proof.path()).verify(rootM, rootN), "wrong from");
                    }
                } else if (m == n) {
                    assertFalse(proof.verify(rootM, OTHER), "equal sizes, different roots");
                }
                checked++;
            }
        }
        assertEquals(MAX * (MAX + 1) / 2 + MAX, checked);
    }
}
