package io.smartshare.contracts.channel;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.cose.CoseSign1;
import io.smartshare.contracts.cose.Domain;
import io.smartshare.ledger.record.Receipt;
import io.smartshare.ledger.cbor.CborValue;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeIdentity;

/**
 * A payer's signed statement that it owes the payee {@link #paid()} micro-tokens in total
 * on a channel (docs/contracts.md §6.1). Decoding checks the structure; {@link Channel}
 * checks who signed it. Immutable.
 */
public final class BalanceProof {
    private static final String DOCUMENT = "balance proof";

    private final ChannelAmount amount;
    private final CoseSign1 cose;

    private BalanceProof(ChannelAmount amount, CoseSign1 cose) {
        this.amount = amount;
        this.cose = cose;
    }

    static BalanceProof sign(ChannelId channel, long paid, NodeIdentity payer) {
        ChannelAmount amount = new ChannelAmount(channel, paid);
        return new BalanceProof(amount, CoseSign1.sign(Domain.CHANNEL_PROOF, amount.encode(), payer));
    }

    /**
     * Reads a proof as sent on the wire.
     *
     * @throws ContractException naming the part that is malformed
     */
    public static BalanceProof decode(byte[] bytes) {
        return of(CoseSign1.decode(Domain.CHANNEL_PROOF, bytes));
    }

    /**
     * Rebuilds a proof from the payee's ledger entry {@code (payer, statement, signature)}.
     *
     * @throws ContractException if the statement is not a balance proof Sig_structure
     */
    public static BalanceProof fromLedger(Ed25519PublicKey payer, byte[] statement, byte[] signature) {
        return of(CoseSign1.fromToBeSigned(Domain.CHANNEL_PROOF, payer, statement, signature));
    }

    static BalanceProof fromCbor(CborValue value) {
        return of(CoseSign1.fromCbor(Domain.CHANNEL_PROOF, value));
    }

    private static BalanceProof of(CoseSign1 cose) {
        return new BalanceProof(ChannelAmount.decode(cose.payload(), DOCUMENT), cose);
    }

    public ChannelId channelId() {
        return amount.channel();
    }

    /** Cumulative micro-tokens owed to the payee. */
    public long paid() {
        return amount.paid();
    }

    /** True if the kid names {@code key} (who claims to have signed it). */
    boolean claimsSigner(Ed25519PublicKey key) {
        return cose.kidNames(key);
    }

    /** True if {@code key} signed it. */
    boolean signedBy(Ed25519PublicKey key) {
        return cose.verifiedBy(key);
    }

    /**
     * Requires this proof to belong to {@code open}: its channel, signed by its payer, within
     * its deposit.
     *
     * @throws ContractException naming the check that failed
     */
    void requireFor(ChannelOpen open) {
        ChannelTerms terms = open.terms();
        if (!channelId().equals(open.id())) {
            throw new ContractException(DOCUMENT + " for channel " + channelId() + " used for channel " + open.id());
        }
        if (!signedBy(terms.payer())) {
            throw new ContractException(DOCUMENT + " for channel " + open.id() + ": not signed by payer " + terms.payer());
        }
        if (paid() > terms.deposit()) {
            throw new ContractException(DOCUMENT + " for channel " + open.id() + ": pays " + paid() + ", over deposit "
                    + terms.deposit());
        }
    }

    /** The COSE_Sign1 bytes, as sent from payer to payee. */
    public byte[] encode() {
        return cose.encode();
    }

    CborValue toCbor() {
        return cose.toCbor();
    }

    /** The payee's ledger entry for this proof, signed by {@code payer}. */
    public Receipt ledgerEntry(Ed25519PublicKey payer) {
        return cose.ledgerEntry(payer);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BalanceProof p && cose.equals(p.cose);
    }

    @Override
    public int hashCode() {
        return cose.hashCode();
    }

    @Override
    public String toString() {
        return "BalanceProof[" + amount.channel() + ", paid=" + amount.paid() + "]";
    }
}
