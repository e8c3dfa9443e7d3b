package io.smartshare.contracts.storage;

import static io.smartshare.contracts.Fixtures.identity;

import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.merkle.Hash;
import io.smartshare.ledger.merkle.InclusionProof;
import io.smartshare.ledger.merkle.Proofs;
import io.smartshare.ledger.merkle.SubtreeSource;
import io.smartshare.ledger.merkle.TreeHasher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** An owner, a holder, and a content cut into leaves with its RFC 6962 tree. */
final class StorageFixtures {
    static final NodeIdentity OWNER = identity(0x31);
    static final NodeIdentity HOLDER = identity(0x32);
    static final int LEAF = 256;
    /** 5,000 bytes: 19 whole leaves and a last one of 136 bytes. */
    static final byte[] CONTENT = content(5_000);

    private StorageFixtures() {
    }

    private static byte[] content(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    static byte[] leaf(byte[] content, long index) {
        int from = (int) index * LEAF;
        return Arrays.copyOfRange(content, from, Math.min(content.length, from + LEAF));
    }

    private static SubtreeSource source(byte[] content) {
        List<Hash> leaves = new ArrayList<>();
        for (long i = 0; i * LEAF < content.length; i++) {
            leaves.add(TreeHasher.leaf(leaf(content, i)));
        }
        return new SubtreeSource() {
            @Override
            public Hash subtree(int level, long index) {
                return level == 0 ? leaves.get((int) index)
                        : TreeHasher.node(subtree(level - 1, 2 * index), subtree(level - 1, 2 * index + 1));
            }
        };
    }

    static byte[] root(byte[] content) {
        return Proofs.root(source(content), (content.length + LEAF - 1) / LEAF).bytes();
    }

    static InclusionProof proof(byte[] content, long index) {
        return Proofs.inclusion(source(content), index, (content.length + LEAF - 1) / LEAF);
    }

    /** Terms for {@link #CONTENT}: a day from t = 1,000,000 s, 5 µT per GiB-hour, an audit an hour. */
    static StorageTerms terms() {
        return new StorageTerms(OWNER.publicKey(), HOLDER.publicKey(), root(CONTENT), CONTENT.length, LEAF,
                1_000_000, 1_086_400, new StoragePrice(5, 1L << 30), 3_600, new byte[StorageTerms.NONCE_LENGTH]);
    }
}
