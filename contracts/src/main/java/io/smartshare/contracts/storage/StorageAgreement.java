package io.smartshare.contracts.storage;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.cose.CborFields;
import io.smartshare.contracts.cose.CoSigned;
import io.smartshare.contracts.cose.CoseSign1;
import io.smartshare.contracts.cose.Domain;
import io.smartshare.ledger.cbor.Cbor;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.record.Receipt;

/**
 * A storage agreement: {@link StorageTerms} signed by owner and holder (docs/contracts.md
 * §16.1), the record {@code [owner COSE_Sign1, holder COSE_Sign1]}. Every instance has both
 * signatures checked. Immutable.
 *
 * <p>Flow: the owner sends {@link #propose}'s bytes; the holder, if the terms fit its storage
 * share (the service's check, not this class's), calls {@link #accept} and sends back {@link
 * #encode()}; the owner checks it with {@link #decode}. Both append {@link #ledgerEntryFor}
 * their own key to their ledgers.
 */
public record StorageAgreement(StorageTerms terms, CoSigned signatures) {
    private static final Domain DOMAIN = Domain.STORAGE_AGREEMENT;

    /**
     * The owner's signed proposal (COSE_Sign1 bytes) to send to the holder.
     *
     * @throws ContractException if {@code owner} is not the terms' owner
     */
    public static byte[] propose(StorageTerms terms, NodeIdentity owner) {
        if (!owner.publicKey().equals(terms.owner())) {
            throw new ContractException("storage agreement: " + owner.nodeId() + " is not the owner " + terms.owner());
        }
        return CoseSign1.sign(DOMAIN, terms.encode(), owner).encode();
    }

    /** The holder checks a proposal naming it and countersigns it. */
    public static Outcome<StorageAgreement, StorageRejection> accept(byte[] proposal, NodeIdentity holder) {
        CoseSign1 byOwner;
        StorageTerms terms;
        try {
            byOwner = CoseSign1.decode(DOMAIN, proposal);
            terms = StorageTerms.decode(byOwner.payload());
        } catch (ContractException e) {
            return Outcome.rejected(StorageRejection.MALFORMED, e.getMessage());
        }
        if (!terms.holder().equals(holder.publicKey())) {
            return Outcome.rejected(StorageRejection.WRONG_SIGNER, "storage agreement " + terms.idHex()
                    + ": names holder " + terms.holder() + ", this node is " + holder.publicKey());
        }
        if (!byOwner.verifiedBy(terms.owner())) {
            return Outcome.rejected(StorageRejection.BAD_SIGNATURE, "storage agreement " + terms.idHex()
                    + ": not signed by owner " + terms.owner());
        }
        CoseSign1 byHolder = CoseSign1.sign(DOMAIN, byOwner.payload(), holder);
        return Outcome.accepted(new StorageAgreement(terms, new CoSigned(byOwner, byHolder)));
    }

    /** Reads and checks an agreement record {@code [owner COSE_Sign1, holder COSE_Sign1]}. */
    public static Outcome<StorageAgreement, StorageRejection> decode(byte[] record) {
        try {
            CoSigned signatures = CoSigned.fromCbor(DOMAIN, CborFields.decode(record, "storage agreement record"));
            StorageTerms terms = StorageTerms.decode(signatures.payload());
            if (!signatures.verifiedBy(terms.owner(), terms.holder())) {
                return Outcome.rejected(StorageRejection.BAD_SIGNATURE, "storage agreement " + terms.idHex()
                        + ": signature of owner " + terms.owner() + " or holder " + terms.holder() + " does not verify");
            }
            return Outcome.accepted(new StorageAgreement(terms, signatures));
        } catch (ContractException e) {
            return Outcome.rejected(StorageRejection.MALFORMED, e.getMessage());
        }
    }

    /** The record both sides keep and send. */
    public byte[] encode() {
        return Cbor.encode(signatures.toCbor());
    }

    /**
     * What the party with key {@code self} appends to its ledger: the other party's signature.
     *
     * @throws ContractException if {@code self} is neither owner nor holder
     */
    public Receipt ledgerEntryFor(Ed25519PublicKey self) {
        return signatures.ledgerEntryFor(self, terms.owner(), terms.holder()).orElseThrow(() -> new ContractException(
                "storage agreement " + terms.idHex() + ": " + self + " is neither owner nor holder"));
    }
}
