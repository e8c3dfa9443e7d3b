package io.smartshare.ledger.merkle;

import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.cbor.CborValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Proof that the tree of size {@code from} is a prefix of the tree of size {@code to}
 * (RFC 6962 §2.1.2).
 */
public record ConsistencyProof(long from, long to, List<Hash> path) {
    public ConsistencyProof {
        path = List.copyOf(path);
    }

    /** RFC 9162 §2.1.4.2: true if this proof shows {@code fromRoot} is a prefix of {@code toRoot}. */
    public boolean verify(Hash fromRoot, Hash toRoot) {
        if (from < 0 || from > to) {
            return false;
        }
        if (from == to) {
            return path.isEmpty() && fromRoot.equals(toRoot);
        }
        if (from == 0) {
            return path.isEmpty() && fromRoot.equals(TreeHasher.EMPTY_ROOT);
        }
        List<Hash> p = new ArrayList<>(path.size() + 1);
        if (Long.bitCount(from) == 1) {
            p.add(fromRoot);
        }
        p.addAll(path);
        if (p.isEmpty()) {
            return false;
        }
        long fn = from - 1;
        long sn = to - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        Hash fr = p.get(0);
        Hash sr = p.get(0);
        for (int i = 1; i < p.size(); i++) {
            Hash c = p.get(i);
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = TreeHasher.node(c, fr);
                sr = TreeHasher.node(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                sr = TreeHasher.node(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return sn == 0 && fr.equals(fromRoot) && sr.equals(toRoot);
    }

    /** CBOR form {@code {0: from, 1: to, 2: [hashes]}} (docs/ledger-format.md §6). */
    public CborMap toCbor() {
        return ProofCodec.toCbor(from, to, path);
    }

    /**
     * Decodes the CBOR form.
     *
     * @throws ProofException naming the field that is missing or malformed
     */
    public static ConsistencyProof fromCbor(CborValue value) {
        ProofCodec.Parts parts = ProofCodec.fromCbor(value, "consistency proof");
        return new ConsistencyProof(parts.first(), parts.second(), parts.path());
    }
}
