package io.smartshare.contracts.channel;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.cose.CborFields;
import io.smartshare.contracts.cose.CoSigned;
import io.smartshare.contracts.cose.Domain;
import io.smartshare.ledger.record.Receipt;
import io.smartshare.ledger.cbor.Cbor;
import io.smartshare.ledger.cbor.CborValue;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a channel was closed, with everything epoch settlement needs to pay it out
 * (docs/contracts.md §6, §8.5). Every instance is checked on construction: signatures,
 * channel id, amount within the deposit.
 *
 * <p>Encoding: cooperative {@code [1, open record, [payer COSE_Sign1, payee COSE_Sign1]]},
 * unilateral {@code [2, open record, balance proof or null]}.
 */
public sealed interface ChannelClose permits ChannelClose.Cooperative, ChannelClose.Unilateral {

    /** The channel's open record. */
    ChannelOpen open();

    /** Micro-tokens this close pays the payee. */
    long paid();

    default ChannelId channelId() {
        return open().id();
    }

    /** The CBOR form. */
    CborValue toCbor();

    /** The encoded close, for the ledger and for the settling node. */
    default byte[] encode() {
        return Cbor.encode(toCbor());
    }

    /**
     * Reads and checks a close.
     *
     * @throws ContractException naming what is malformed or does not verify
     */
    static ChannelClose decode(byte[] bytes) {
        List<CborValue> parts = CborFields.array(CborFields.decode(bytes, "channel close"), "channel close", 3);
        ChannelOpen open = ChannelOpen.fromCbor(parts.get(1));
        if (parts.get(0).equals(new CborValue.Int(1))) {
            CoSigned signatures = CoSigned.fromCbor(Domain.CHANNEL_CLOSE, parts.get(2));
            return new Cooperative(open, ChannelAmount.decode(signatures.payload(), "channel close"), signatures);
        }
        if (parts.get(0).equals(new CborValue.Int(2))) {
            return new Unilateral(open, parts.get(2).equals(CborValue.Null.NULL) ? Optional.empty()
                    : Optional.of(BalanceProof.fromCbor(parts.get(2))));
        }
        throw new ContractException("channel close: kind must be 1 (cooperative) or 2 (unilateral), found "
                + parts.get(0));
    }

    /** Closed by both sides signing the final amount. */
    final class Cooperative implements ChannelClose {
        private final ChannelOpen open;
        private final ChannelAmount amount;
        private final CoSigned signatures;

        Cooperative(ChannelOpen open, ChannelAmount amount, CoSigned signatures) {
            this.open = Objects.requireNonNull(open, "open");
            this.amount = amount;
            this.signatures = signatures;
            ChannelTerms terms = open.terms();
            if (!amount.channel().equals(open.id())) {
                throw new ContractException("cooperative close: for channel " + amount.channel() + ", not " + open.id());
            }
            if (!signatures.verifiedBy(terms.payer(), terms.payee())) {
                throw new ContractException("cooperative close " + open.id() + ": signature of payer or payee does not verify");
            }
            if (amount.paid() > terms.deposit()) {
                throw new ContractException("cooperative close " + open.id() + ": final " + amount.paid()
                        + " exceeds deposit " + terms.deposit());
            }
        }

        @Override
        public ChannelOpen open() {
            return open;
        }

        @Override
        public long paid() {
            return amount.paid();
        }

        @Override
        public CborValue toCbor() {
            return new CborValue.Array(List.of(new CborValue.Int(1), open.toCbor(), signatures.toCbor()));
        }

        /** What the party with key {@code self} appends to its ledger: the other party's signature of the close. */
        public Receipt ledgerEntryFor(Ed25519PublicKey self) {
            ChannelTerms terms = open.terms();
            return signatures.ledgerEntryFor(self, terms.payer(), terms.payee())
                    .orElseThrow(() -> ChannelOpen.notAParty(terms, self));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Cooperative c && open.equals(c.open) && signatures.equals(c.signatures);
        }

        @Override
        public int hashCode() {
            return Objects.hash(open, signatures);
        }

        @Override
        public String toString() {
            return "Cooperative[" + open.id() + ", paid=" + amount.paid() + "]";
        }
    }

    /**
     * Closed by one side alone with the latest balance proof it holds (none: nothing was paid).
     *
     * @param open the channel's open record
     * @param latest the latest proof signed by the payer
     */
    record Unilateral(ChannelOpen open, Optional<BalanceProof> latest) implements ChannelClose {
        public Unilateral {
            Objects.requireNonNull(open, "open");
            Objects.requireNonNull(latest, "latest");
            latest.ifPresent(proof -> proof.requireFor(open));
        }

        @Override
        public long paid() {
            return latest.map(BalanceProof::paid).orElse(0L);
        }

        @Override
        public CborValue toCbor() {
            return new CborValue.Array(List.of(new CborValue.Int(2), open.toCbor(),
                    latest.map(BalanceProof::toCbor).orElse(CborValue.Null.NULL)));
        }
    }
}
