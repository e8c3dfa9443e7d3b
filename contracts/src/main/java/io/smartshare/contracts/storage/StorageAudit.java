package io.smartshare.contracts.storage;

import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.Sha256;
import io.smartshare.ledger.merkle.Hash;
import io.smartshare.ledger.merkle.InclusionProof;
import io.smartshare.ledger.merkle.TreeHasher;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Audits of a stored content (docs/contracts.md §16.2): a challenge is a nonce; the leaf it
 * names is {@code SHA-256("smartshare/storage-audit/v1" ‖ agreement id ‖ nonce)}, its first 8
 * bytes read as an unsigned integer, mod the number of leaves; the holder answers with that
 * leaf and its RFC 6962 inclusion proof, which the auditor checks against the agreed root.
 * Anyone holding the agreement can audit. Stateless.
 */
public final class StorageAudit {
    /** Length of a challenge nonce in bytes. */
    public static final int NONCE_LENGTH = 16;
    private static final byte[] LABEL = "smartshare/storage-audit/v1".getBytes(StandardCharsets.US_ASCII);

    private StorageAudit() {
    }

    /** The leaf that challenge {@code nonce} names for {@code terms}. */
    public static long challengedLeaf(StorageTerms terms, byte[] nonce) {
        return challengedLeaf(terms.id(), nonce, terms.leaves());
    }

    /** The leaf that challenge {@code nonce} names among {@code leaves} of agreement {@code id}. */
    static long challengedLeaf(byte[] id, byte[] nonce, long leaves) {
        if (nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("audit nonce: expected " + NONCE_LENGTH + " bytes, found " + nonce.length);
        }
        byte[] digest = Sha256.of(ByteBuffer.allocate(LABEL.length + id.length + NONCE_LENGTH).put(LABEL).put(id)
                .put(nonce).array());
        return Long.remainderUnsigned(ByteBuffer.wrap(digest).getLong(), leaves);
    }

    /**
     * Checks an answer to challenge {@code nonce}: {@code leaf} must be the challenged leaf,
     * whole, and {@code proof} must place it at its index in a tree of the agreed size whose
     * root is the agreed root.
     */
    public static Outcome<Long, StorageRejection> check(StorageTerms terms, byte[] nonce, byte[] leaf,
            InclusionProof proof) {
        long index = challengedLeaf(terms, nonce);
        if (proof.index() != index || proof.size() != terms.leaves()) {
            return Outcome.rejected(StorageRejection.FAILED_AUDIT, "audit of " + terms.idHex() + ": proof for leaf "
                    + proof.index() + " of " + proof.size() + ", the challenge names leaf " + index + " of "
                    + terms.leaves());
        }
        if (leaf.length != terms.leafLength(index)) {
            return Outcome.rejected(StorageRejection.FAILED_AUDIT, "audit of " + terms.idHex() + ": leaf " + index
                    + " has " + leaf.length + " bytes, expected " + terms.leafLength(index));
        }
        if (!proof.verify(TreeHasher.leaf(leaf), Hash.of(terms.root()))) {
            return Outcome.rejected(StorageRejection.FAILED_AUDIT, "audit of " + terms.idHex() + ": leaf " + index
                    + " does not prove against the agreed root");
        }
        return Outcome.accepted(index);
    }

    /**
     * The chance that {@code challenges} independent audits catch a holder that lost {@code
     * lostLeaves} of {@code leaves} leaves: {@code 1 − (1 − lost ÷ leaves)^challenges}.
     */
    public static double detection(long lostLeaves, long leaves, int challenges) {
        return 1 - Math.pow(1 - (double) lostLeaves / leaves, challenges);
    }
}
