package io.smartshare.contracts.channel;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.cose.CborFields;
import io.smartshare.contracts.cose.CoSigned;
import io.smartshare.contracts.cose.CoseSign1;
import io.smartshare.contracts.cose.Domain;
import io.smartshare.ledger.record.Receipt;
import io.smartshare.ledger.cbor.Cbor;
import io.smartshare.ledger.cbor.CborValue;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeIdentity;

/**
 * An opened channel: {@link ChannelTerms} signed by payer and payee (docs/contracts.md
 * §6.1). Every instance has both signatures checked. Immutable.
 *
 * <p>Flow: the payer sends {@link #propose}'s bytes; the payee calls {@link #accept} and
 * sends back {@link #encode()}; the payer checks it with {@link #decode}. Both append
 * {@link #ledgerEntryFor} their own key to their ledgers.
 */
public final class ChannelOpen {
    private final ChannelTerms terms;
    private final CoSigned signatures;

    private ChannelOpen(ChannelTerms terms, CoSigned signatures) {
        this.terms = terms;
        this.signatures = signatures;
    }

    /**
     * The payer's signed proposal (COSE_Sign1 bytes) to send to the payee.
     *
     * @throws ContractException if {@code payer} is not the terms' payer
     */
    public static byte[] propose(ChannelTerms terms, NodeIdentity payer) {
        if (!payer.publicKey().equals(terms.payer())) {
            throw new ContractException("channel open: " + payer.nodeId() + " is not the payer " + terms.payer());
        }
        return CoseSign1.sign(Domain.CHANNEL_OPEN, terms.encode(), payer).encode();
    }

    /** The payee checks a proposal naming it and countersigns it. */
    public static Outcome<ChannelOpen, ChannelRejection> accept(byte[] proposal, NodeIdentity payee) {
        CoseSign1 byPayer;
        ChannelTerms terms;
        try {
            byPayer = CoseSign1.decode(Domain.CHANNEL_OPEN, proposal);
            terms = ChannelTerms.decode(byPayer.payload());
        } catch (ContractException e) {
            return Outcome.rejected(ChannelRejection.MALFORMED, e.getMessage());
        }
        if (!terms.payee().equals(payee.publicKey())) {
            return Outcome.rejected(ChannelRejection.WRONG_SIGNER, "channel open: names payee " + terms.payee()
                    + ", this node is " + payee.publicKey());
        }
        if (!byPayer.verifiedBy(terms.payer())) {
            return Outcome.rejected(ChannelRejection.BAD_SIGNATURE, "channel open: not signed by payer " + terms.payer());
        }
        CoseSign1 byPayee = CoseSign1.sign(Domain.CHANNEL_OPEN, terms.encode(), payee);
        return Outcome.accepted(new ChannelOpen(terms, new CoSigned(byPayer, byPayee)));
    }

    /** Reads and checks an open record {@code [payer COSE_Sign1, payee COSE_Sign1]}. */
    public static Outcome<ChannelOpen, ChannelRejection> decode(byte[] record) {
        CoSigned signatures;
        ChannelTerms terms;
        try {
            signatures = CoSigned.fromCbor(Domain.CHANNEL_OPEN, CborFields.decode(record, "channel open record"));
            terms = ChannelTerms.decode(signatures.payload());
        } catch (ContractException e) {
            return Outcome.rejected(ChannelRejection.MALFORMED, e.getMessage());
        }
        if (!signatures.verifiedBy(terms.payer(), terms.payee())) {
            return Outcome.rejected(ChannelRejection.BAD_SIGNATURE, "channel open " + terms.id()
                    + ": signature of payer " + terms.payer() + " or payee " + terms.payee() + " does not verify");
        }
        return Outcome.accepted(new ChannelOpen(terms, signatures));
    }

    /**
     * Rebuilds the open record after a restart from this party's ledger entry (the other
     * party's signature) by signing its own part again (Ed25519 is deterministic, so the
     * record is byte-for-byte the one first exchanged).
     *
     * @throws ContractException if the entry is not a channel open signed by the other party of {@code self}
     */
    public static ChannelOpen fromLedger(Receipt entry, NodeIdentity self) {
        CoseSign1 theirs = CoseSign1.fromToBeSigned(Domain.CHANNEL_OPEN, entry.counterparty(), entry.statement(),
                entry.signature());
        ChannelTerms terms = ChannelTerms.decode(theirs.payload());
        Ed25519PublicKey other = counterparty(terms, self.publicKey());
        if (!other.equals(entry.counterparty()) || !theirs.verifiedBy(other)) {
            throw new ContractException("channel open " + terms.id() + " from ledger: not signed by the other party "
                    + other);
        }
        CoseSign1 mine = CoseSign1.sign(Domain.CHANNEL_OPEN, theirs.payload(), self);
        boolean selfIsPayer = self.publicKey().equals(terms.payer());
        return new ChannelOpen(terms, selfIsPayer ? new CoSigned(mine, theirs) : new CoSigned(theirs, mine));
    }

    /** Like {@link #decode} inside a larger document; throws {@link ContractException} on rejection. */
    static ChannelOpen fromCbor(CborValue value) {
        return decode(Cbor.encode(value)).orElseThrow();
    }

    public ChannelTerms terms() {
        return terms;
    }

    public ChannelId id() {
        return terms.id();
    }

    /** The record both sides keep and send: {@code [payer COSE_Sign1, payee COSE_Sign1]}. */
    public byte[] encode() {
        return Cbor.encode(toCbor());
    }

    CborValue toCbor() {
        return signatures.toCbor();
    }

    /**
     * What the party with key {@code self} appends to its ledger: the other party's signature.
     *
     * @throws ContractException if {@code self} is neither payer nor payee
     */
    public Receipt ledgerEntryFor(Ed25519PublicKey self) {
        return signatures.ledgerEntryFor(self, terms.payer(), terms.payee()).orElseThrow(() -> notAParty(terms, self));
    }

    static Ed25519PublicKey counterparty(ChannelTerms terms, Ed25519PublicKey self) {
        if (self.equals(terms.payer())) {
            return terms.payee();
        }
        if (self.equals(terms.payee())) {
            return terms.payer();
        }
        throw notAParty(terms, self);
    }

    static ContractException notAParty(ChannelTerms terms, Ed25519PublicKey self) {
        return new ContractException("channel " + terms.id() + ": " + self + " is neither payer nor payee");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelOpen c && terms.equals(c.terms) && signatures.equals(c.signatures);
    }

    @Override
    public int hashCode() {
        return terms.hashCode();
    }

    @Override
    public String toString() {
        return "ChannelOpen[" + id() + ", " + terms + "]";
    }
}
