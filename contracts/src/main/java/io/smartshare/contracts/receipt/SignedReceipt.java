package io.smartshare.contracts.receipt;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.cose.CoseSign1;
import io.smartshare.contracts.cose.Domain;
import io.smartshare.ledger.record.Receipt;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeIdentity;

/**
 * A receipt: a {@link ReceiptClaim} as a COSE_Sign1 by its consumer (docs/contracts.md §3,
 * §4). Decoding checks the structure; {@link #isAuthentic()} checks the signature.
 * Immutable.
 */
public final class SignedReceipt {
    private final ReceiptClaim claim;
    private final CoseSign1 cose;

    private SignedReceipt(ReceiptClaim claim, CoseSign1 cose) {
        this.claim = claim;
        this.cose = cose;
    }

    /**
     * Signs {@code claim} as its consumer.
     *
     * @throws ContractException if {@code consumer} is not the claim's consumer
     */
    public static SignedReceipt sign(ReceiptClaim claim, NodeIdentity consumer) {
        if (!consumer.publicKey().equals(claim.consumer())) {
            throw new ContractException("receipt: signer " + consumer.nodeId() + " is not the claim's consumer "
                    + claim.consumer());
        }
        return new SignedReceipt(claim, CoseSign1.sign(Domain.RECEIPT, claim.encode(), consumer));
    }

    /**
     * Reads a receipt as sent on the wire.
     *
     * @throws ContractException naming the part that is malformed
     */
    public static SignedReceipt decode(byte[] bytes) {
        return of(CoseSign1.decode(Domain.RECEIPT, bytes));
    }

    /**
     * Rebuilds a receipt from a ledger receipt record {@code (counterparty, statement,
     * signature)} (docs/contracts.md §3).
     *
     * @throws ContractException if the statement is not a receipt Sig_structure or the
     *     counterparty is not the receipt's consumer
     */
    public static SignedReceipt fromLedger(Ed25519PublicKey counterparty, byte[] statement, byte[] signature) {
        SignedReceipt receipt = of(CoseSign1.fromToBeSigned(Domain.RECEIPT, counterparty, statement, signature));
        if (!receipt.claim.consumer().equals(counterparty)) {
            throw new ContractException("receipt from ledger: counterparty " + counterparty
                    + " is not the receipt's consumer " + receipt.claim.consumer());
        }
        return receipt;
    }

    private static SignedReceipt of(CoseSign1 cose) {
        return new SignedReceipt(ReceiptClaim.decode(cose.payload()), cose);
    }

    public ReceiptClaim claim() {
        return claim;
    }

    /** True if the consumer named in the claim signed it (kid and signature). */
    public boolean isAuthentic() {
        return cose.verifiedBy(claim.consumer());
    }

    /** The COSE_Sign1 bytes, as sent from consumer to provider. */
    public byte[] encode() {
        return cose.encode();
    }

    /** The provider's ledger record for this receipt: (consumer, ToBeSigned, signature). */
    public Receipt ledgerEntry() {
        return cose.ledgerEntry(claim.consumer());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedReceipt r && cose.equals(r.cose);
    }

    @Override
    public int hashCode() {
        return cose.hashCode();
    }

    @Override
    public String toString() {
        return "SignedReceipt[" + claim + "]";
    }
}
