package io.smartshare.contracts.storage;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.cose.CborFields;
import io.smartshare.contracts.cose.CoseSign1;
import io.smartshare.contracts.cose.Domain;
import io.smartshare.ledger.cbor.Cbor;
import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.cbor.CborValue;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.record.Receipt;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What an owner records in its own ledger when an audit fails or is missed (docs/contracts.md
 * §16.3): the challenge and the holder's signed answer, or its absence, signed by the owner
 * (domain {@code smartshare/storage-evidence/v1}) over {@code {0: 1, 1: agreement id, 2:
 * nonce, 3: verdict (1 failed, 2 missed), 4: Unix ms, 5: the answer's COSE_Sign1 or an empty
 * byte string, 6: reason (text)}}. The ledger entry names the owner itself as the signer.
 */
public final class AuditEvidence {
    private static final String DOCUMENT = "storage audit evidence";
    /** How an audit ended that stops the pay. */
    public enum Verdict {
        /** The holder's answer did not prove the challenged leaf. */
        FAILED(1),
        /** No answer came before the deadline. */
        MISSED(2);

        private final int code;

        Verdict(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /** What an evidence entry says, as {@code ledger show} prints it. */
    public record Summary(String agreementId, Verdict verdict, long atMillis, String reason) {
    }

    private AuditEvidence() {
    }

    /**
     * Reads an evidence entry of a ledger.
     *
     * @throws ContractException if the entry is not one
     */
    public static Summary read(Receipt entry) {
        CborFields f = CborFields.of(CborFields.decode(CoseSign1.fromToBeSigned(Domain.STORAGE_EVIDENCE,
                entry.counterparty(), entry.statement(), entry.signature()).payload(), DOCUMENT), DOCUMENT, 7);
        f.requireUint(0, "version", 1);
        long code = f.uint(3, "verdict");
        Verdict verdict = Arrays.stream(Verdict.values()).filter(v -> v.code() == code).findFirst()
                .orElseThrow(() -> new ContractException(DOCUMENT + ": verdict " + code + " is not 1 or 2"));
        String reason = f.value(6) instanceof CborValue.Text t ? t.value() : "";
        return new Summary(HexFormat.of().formatHex(f.bytes(1, "agreement", StorageTerms.ID_LENGTH)), verdict,
                f.uint(4, "time"), reason);
    }

    /** The owner's ledger entry for an audit of {@code terms} that ended as {@code verdict}. */
    public static Receipt ledgerEntry(StorageTerms terms, byte[] nonce, Verdict verdict, long atMillis,
            byte[] answer, String reason, NodeIdentity owner) {
        byte[] payload = Cbor.encode(CborMap.builder().put(0, 1).put(1, terms.id()).put(2, nonce)
                .put(3, verdict.code()).put(4, atMillis).put(5, answer)
                .put(6, reason).build());
        return CoseSign1.sign(Domain.STORAGE_EVIDENCE, payload, owner).ledgerEntry(owner.publicKey());
    }
}
