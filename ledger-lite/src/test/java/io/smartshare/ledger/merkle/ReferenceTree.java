package io.smartshare.ledger.merkle;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** RFC 6962 §2.1 written out recursively, straight from the text: the oracle for proof tests. */
final class ReferenceTree {
    final List<Hash> leaves = new ArrayList<>();

    ReferenceTree(int size) {
        for (int i = 0; i < size; i++) {
            leaves.add(TreeHasher.leaf(("leaf " + i).getBytes(StandardCharsets.UTF_8)));
        }
    }

    Hash mth(int a, int b) {
        if (b - a == 1) {
            return leaves.get(a);
        }
        int k = Integer.highestOneBit(b - a - 1);
        return TreeHasher.node(mth(a, a + k), mth(a + k, b));
    }

    Hash root(int n) {
        return n == 0 ? TreeHasher.EMPTY_ROOT : mth(0, n);
    }

    List<Hash> path(int m, int a, int b) {
        if (b - a == 1) {
            return new ArrayList<>();
        }
        int k = Integer.highestOneBit(b - a - 1);
        List<Hash> out;
        if (m - a < k) {
            out = path(m, a, a + k);
            out.add(mth(a + k, b));
        } else {
            out = path(m, a + k, b);
            out.add(mth(a, a + k));
        }
        return out;
    }

    List<Hash> proof(int m, int n) {
        return m == 0 || m == n ? new ArrayList<>() : subproof(m, 0, n, true);
    }

    private List<Hash> subproof(int m, int a, int b, boolean complete) {
        int n = b - a;
        if (m == n) {
            List<Hash> out = new ArrayList<>();
            if (!complete) {
                out.add(mth(a, b));
            }
            return out;
        }
        int k = Integer.highestOneBit(n - 1);
        List<Hash> out;
        if (m <= k) {
            out = subproof(m, a, a + k, complete);
            out.add(mth(a + k, b));
        } else {
            out = subproof(m - k, a + k, b, false);
            out.add(mth(a, a + k));
        }
        return out;
    }

    SubtreeSource source() {
        return (level, index) -> mth((int) (index << level), (int) ((index + 1) << level));
    }
}
