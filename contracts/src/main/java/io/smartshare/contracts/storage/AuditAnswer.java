package io.smartshare.contracts.storage;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.cose.CborFields;
import io.smartshare.contracts.cose.CoseSign1;
import io.smartshare.contracts.cose.Domain;
import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.merkle.InclusionProof;
import io.smartshare.ledger.merkle.ProofException;
import java.util.Arrays;

/**
 * A holder's answer to an audit challenge (docs/contracts.md §16.2), signed by the holder
 * (domain {@code smartshare/storage-answer/v1}) over {@code {0: 1, 1: agreement id, 2: nonce,
 * 3: leaf, 4: inclusion proof}}. Signed, a wrong answer is evidence against its holder; a
 * relay can neither forge one nor pass an old one off as the answer to a new challenge.
 *
 * @param signed the holder's COSE_Sign1
 */
public record AuditAnswer(CoseSign1 signed) {
    private static final String DOCUMENT = "storage audit answer";

    /** The holder answers challenge {@code nonce} of agreement {@code terms} with leaf {@code leaf} and its proof. */
    public static AuditAnswer sign(StorageTerms terms, byte[] nonce, byte[] leaf, InclusionProof proof,
            NodeIdentity holder) {
        byte[] payload = io.smartshare.ledger.cbor.Cbor.encode(CborMap.builder().put(0, 1).put(1, terms.id())
                .put(2, nonce).put(3, leaf).put(4, proof.toCbor()).build());
        return new AuditAnswer(CoseSign1.sign(Domain.STORAGE_ANSWER, payload, holder));
    }

    /** The COSE_Sign1 bytes sent back to the auditor. */
    public byte[] encode() {
        return signed.encode();
    }

    /**
     * Checks an answer as received against the challenge the auditor sent: signed by the
     * agreement's holder, for this agreement and this very nonce (else {@link
     * StorageRejection#NOT_THE_CHALLENGE}: a replay of an earlier answer), and passing {@link
     * StorageAudit#check}.
     *
     * @return the checked answer with the challenged leaf's index; a rejection says why
     */
    public static Outcome<Checked, StorageRejection> check(StorageTerms terms, byte[] nonce, byte[] wire) {
        CoseSign1 signed;
        CborFields f;
        try {
            signed = CoseSign1.decode(Domain.STORAGE_ANSWER, wire);
            f = CborFields.of(CborFields.decode(signed.payload(), DOCUMENT), DOCUMENT, 5);
            f.requireUint(0, "version", 1);
        } catch (ContractException e) {
            return Outcome.rejected(StorageRejection.MALFORMED, e.getMessage());
        }
        if (!signed.verifiedBy(terms.holder())) {
            return Outcome.rejected(StorageRejection.BAD_SIGNATURE, DOCUMENT + " for " + terms.idHex()
                    + ": not signed by holder " + terms.holder());
        }
        AuditAnswer answer = new AuditAnswer(signed);
        try {
            if (!Arrays.equals(f.bytes(1, "agreement", StorageTerms.ID_LENGTH), terms.id())
                    || !Arrays.equals(f.bytes(2, "nonce", StorageAudit.NONCE_LENGTH), nonce)) {
                return Outcome.rejected(StorageRejection.NOT_THE_CHALLENGE, DOCUMENT + " for " + terms.idHex()
                        + ": answers another agreement or challenge than the one sent");
            }
            InclusionProof proof = InclusionProof.fromCbor(f.value(4));
            return StorageAudit.check(terms, nonce, f.bytes(3, "leaf", -1), proof)
                    .map(index -> new Checked(answer, index));
        } catch (ContractException | ProofException e) {
            return Outcome.rejected(StorageRejection.FAILED_AUDIT, DOCUMENT + " for " + terms.idHex() + ": "
                    + e.getMessage());
        }
    }

    /** An answer signed by the holder, for the challenge sent, and the leaf it proved. */
    public record Checked(AuditAnswer answer, long index) {
    }
}
