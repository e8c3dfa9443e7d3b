package io.smartshare.ledger.merkle;

import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.cbor.CborValue;
import java.util.List;

/**
 * Proof that leaf {@code index} is in the tree of size {@code size} (RFC 6962 §2.1.1).
 *
 * @param index 0-based leaf index
 * @param size tree size
 * @param path sibling hashes from the leaf up
 */
public record InclusionProof(long index, long size, List<Hash> path) {
    public InclusionProof {
        path = List.copyOf(path);
    }

    /** RFC 9162 §2.1.3.2: true if {@code leaf} at {@code index} and this path give {@code root}. */
    public boolean verify(Hash leaf, Hash root) {
        if (index < 0 || index >= size) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        Hash r = leaf;
        for (Hash p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = TreeHasher.node(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                r = TreeHasher.node(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return sn == 0 && r.equals(root);
    }

    /** CBOR form {@code {0: index, 1: size, 2: [hashes]}} (docs/ledger-format.md §6). */
    public CborMap toCbor() {
        return ProofCodec.toCbor(index, size, path);
    }

    /**
     * Decodes the CBOR form.
     *
     * @throws ProofException naming the field that is missing or malformed
     */
    public static InclusionProof fromCbor(CborValue value) {
        ProofCodec.Parts parts = ProofCodec.fromCbor(value, "inclusion proof");
        return new InclusionProof(parts.first(), parts.second(), parts.path());
    }
}
