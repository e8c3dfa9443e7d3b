package io.smartshare.ledger.equivocation;

import io.smartshare.ledger.cbor.Cbor;
import io.smartshare.ledger.cbor.CborException;
import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.cbor.CborValue;
import io.smartshare.ledger.checkpoint.CheckpointException;
import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.merkle.ConsistencyProof;
import io.smartshare.ledger.merkle.ProofException;
import java.util.Objects;
import java.util.Optional;

/**
 * Portable proof that a log showed two histories (docs/ledger-format.md §7): two
 * checkpoints signed by the same key that cannot both be true. Encodes to CBOR; anyone
 * with the log's key can {@link #verify} it.
 *
 * @param kind what conflicts
 * @param first the checkpoint seen first (for {@link Kind#INCONSISTENT}, the smaller one)
 * @param second the conflicting checkpoint
 * @param proof for {@link Kind#INCONSISTENT}, the consistency proof that failed
 */
public record EquivocationEvidence(Kind kind, SignedCheckpoint first, SignedCheckpoint second,
        Optional<ConsistencyProof> proof) {

    /** The two kinds of conflict. */
    public enum Kind {
        /** Same size, different roots. */
        SAME_SIZE_DIFFERENT_ROOTS(1),
        /** The consistency proof between the two sizes does not verify. */
        INCONSISTENT(2);

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    public EquivocationEvidence {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        Objects.requireNonNull(proof, "proof");
    }

    /**
     * True if both checkpoints are signed by {@code key} for the same origin and
     * conflict as {@link #kind} says.
     */
    public boolean verify(Ed25519PublicKey key) {
        if (!first.origin().equals(second.origin()) || !first.isSignedBy(key) || !second.isSignedBy(key)) {
            return false;
        }
        return switch (kind) {
            case SAME_SIZE_DIFFERENT_ROOTS -> first.size() == second.size() && !first.root().equals(second.root());
            case INCONSISTENT -> proof.isPresent() && first.size() < second.size()
                    && proof.get().from() == first.size() && proof.get().to() == second.size()
                    && !proof.get().verify(first.root(), second.root());
        };
    }

    /** CBOR {@code {0: kind, 1: note A, 2: note B, 3: proof (INCONSISTENT only)}}. */
    public byte[] encode() {
        CborMap.Builder b = CborMap.builder().put(0, kind.code()).put(1, first.encoded()).put(2, second.encoded());
        proof.ifPresent(p -> b.put(3, p.toCbor()));
        return Cbor.encode(b.build());
    }

    /**
     * Decodes the CBOR form.
     *
     * @throws IllegalArgumentException naming the field at fault
     */
    public static EquivocationEvidence decode(byte[] bytes) {
        try {
            if (!(Cbor.decode(bytes) instanceof CborMap map) || map.size() < 3) {
                throw new IllegalArgumentException("equivocation evidence: expected a map with keys 0, 1, 2[, 3]");
            }
            Kind kind = map.get(0).orElse(null) instanceof CborValue.Int k && k.value() == 1
                    ? Kind.SAME_SIZE_DIFFERENT_ROOTS
                    : map.get(0).orElse(null) instanceof CborValue.Int k2 && k2.value() == 2 ? Kind.INCONSISTENT
                    : null;
            if (kind == null) {
                throw new IllegalArgumentException("equivocation evidence: field 0: expected kind 1 or 2, found "
                        + map.get(0).map(Object::toString).orElse("nothing"));
            }
            return new EquivocationEvidence(kind, note(map, 1), note(map, 2),
                    map.get(3).map(ConsistencyProof::fromCbor));
        } catch (CborException | CheckpointException | ProofException e) {
            throw new IllegalArgumentException("equivocation evidence: " + e.getMessage(), e);
        }
    }

    private static SignedCheckpoint note(CborMap map, int key) {
        if (map.get(key).orElse(null) instanceof CborValue.Bytes b) {
            return SignedCheckpoint.parse(b.value());
        }
        throw new IllegalArgumentException("equivocation evidence: field " + key + ": expected the note bytes");
    }
}
