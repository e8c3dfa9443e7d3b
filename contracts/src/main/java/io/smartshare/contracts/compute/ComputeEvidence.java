package io.smartshare.contracts.compute;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.cose.CborFields;
import io.smartshare.contracts.cose.CoseSign1;
import io.smartshare.contracts.cose.Domain;
import io.smartshare.ledger.cbor.Cbor;
import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.cbor.CborValue;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.record.Receipt;
import java.util.HexFormat;

/**
 * What a consumer records in its own ledger when the runs of one job disagree
 * (docs/contracts.md §17.3): the provider's signed result and the one it was compared with
 * (another provider's signed result, or the consumer's own run signed by the consumer),
 * signed by the consumer (domain {@code smartshare/compute-evidence/v1}) over {@code {0: 1,
 * 1: job id, 2: provider's result COSE_Sign1, 3: the other COSE_Sign1, 4: Unix ms, 5: reason
 * (text)}}. The ledger entry names the consumer itself as the signer.
 */
public final class ComputeEvidence {
    private static final String DOCUMENT = "compute evidence";

    /** What an evidence entry says, as {@code ledger show} prints it. */
    public record Summary(String jobId, long atMillis, String reason) {
    }

    private ComputeEvidence() {
    }

    /** The consumer's ledger entry for job {@code jobId}, whose result {@code provider} disagrees with {@code other}. */
    public static Receipt ledgerEntry(byte[] jobId, CoseSign1 provider, CoseSign1 other, long atMillis, String reason,
            NodeIdentity consumer) {
        byte[] payload = Cbor.encode(CborMap.builder().put(0, 1).put(1, jobId).put(2, provider.encode())
                .put(3, other.encode()).put(4, atMillis).put(5, reason).build());
        return CoseSign1.sign(Domain.COMPUTE_EVIDENCE, payload, consumer).ledgerEntry(consumer.publicKey());
    }

    /**
     * Reads an evidence entry of a ledger.
     *
     * @throws ContractException if the entry is not one
     */
    public static Summary read(Receipt entry) {
        CborFields f = CborFields.of(CborFields.decode(CoseSign1.fromToBeSigned(Domain.COMPUTE_EVIDENCE,
                entry.counterparty(), entry.statement(), entry.signature()).payload(), DOCUMENT), DOCUMENT, 6);
        f.requireUint(0, "version", 1);
        String reason = f.value(5) instanceof CborValue.Text t ? t.value() : "";
        return new Summary(HexFormat.of().formatHex(f.bytes(1, "job", ComputeJob.ID_LENGTH)), f.uint(4, "time"), reason);
    }
}
