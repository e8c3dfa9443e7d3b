package io.smartshare.contracts.channel;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.cose.CoSigned;
import io.smartshare.contracts.cose.CoseSign1;
import io.smartshare.contracts.cose.Domain;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeIdentity;
import java.util.Objects;
import java.util.Optional;

/**
 * One side's view of a payment channel (docs/contracts.md §6.2): the open record, the
 * latest balance proof (signed by the payer as it pays, accepted by the payee as it
 * receives) and, once closed, how. Immutable: every operation returns the next state, and
 * a rejection leaves the caller holding the unchanged one.
 */
public final class Channel {
    /** Whether the channel still takes payments. */
    public enum Status {
        OPEN,
        CLOSED
    }

    /** A payment made: the next state and the proof to send to the payee. */
    public record Payment(Channel channel, BalanceProof proof) {
        public Payment {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(proof, "proof");
        }
    }

    /**
     * A close: the next (closed) state, the close to record and settle, and this side's
     * signature (COSE_Sign1 bytes) to send to the other side; empty for a unilateral close.
     */
    public record Closing(Channel channel, ChannelClose close, Optional<byte[]> ownSignature) {
        public Closing {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(close, "close");
            ownSignature = ownSignature.map(byte[]::clone);
        }

        @Override
        public Optional<byte[]> ownSignature() {
            return ownSignature.map(byte[]::clone);
        }
    }

    private final ChannelOpen open;
    private final Optional<BalanceProof> latest;
    private final Optional<ChannelClose> close;

    private Channel(ChannelOpen open, Optional<BalanceProof> latest, Optional<ChannelClose> close) {
        this.open = open;
        this.latest = latest;
        this.close = close;
    }

    /** A newly opened channel: nothing paid yet. */
    public static Channel opened(ChannelOpen open) {
        return new Channel(Objects.requireNonNull(open, "open"), Optional.empty(), Optional.empty());
    }

    /**
     * Rebuilds an open channel after a restart from its open record and the latest proof
     * held (the payee's from its ledger with {@link BalanceProof#fromLedger}, the payer's
     * from wherever it keeps the last proof it sent).
     *
     * @throws ContractException if the proof is not the payer's for this channel within the deposit
     */
    public static Channel restore(ChannelOpen open, Optional<BalanceProof> latest) {
        latest.ifPresent(proof -> proof.requireFor(open));
        return new Channel(Objects.requireNonNull(open, "open"), latest, Optional.empty());
    }

    public ChannelOpen open() {
        return open;
    }

    public ChannelId id() {
        return open.id();
    }

    /** The latest proof signed (payer) or accepted (payee). */
    public Optional<BalanceProof> latest() {
        return latest;
    }

    /** Cumulative micro-tokens paid so far: the latest proof's amount, 0 if none. */
    public long paid() {
        return latest.map(BalanceProof::paid).orElse(0L);
    }

    /** Micro-tokens of the deposit not yet paid. */
    public long remaining() {
        return open.terms().deposit() - paid();
    }

    public Status status() {
        return close.isPresent() ? Status.CLOSED : Status.OPEN;
    }

    /** How the channel was closed, once it is. */
    public Optional<ChannelClose> close() {
        return close;
    }

    /**
     * The payer pays {@code increment} more micro-tokens: signs a proof for the new
     * cumulative amount.
     *
     * @throws ContractException if {@code increment} is not positive
     */
    public Outcome<Payment, ChannelRejection> pay(long increment, NodeIdentity payer) {
        if (increment <= 0) {
            throw new ContractException("channel " + id() + ": payment must be > 0, found " + increment);
        }
        ChannelTerms terms = open.terms();
        if (!payer.publicKey().equals(terms.payer())) {
            return Outcome.rejected(ChannelRejection.WRONG_SIGNER, "channel " + id() + ": " + payer.nodeId()
                    + " is not the payer " + terms.payer());
        }
        if (close.isPresent()) {
            return closed();
        }
        if (increment > remaining()) {
            return Outcome.rejected(ChannelRejection.OVER_DEPOSIT, "channel " + id() + ": paying " + increment
                    + " more would exceed the deposit " + terms.deposit() + " (paid " + paid() + ")");
        }
        BalanceProof proof = BalanceProof.sign(id(), paid() + increment, payer);
        return Outcome.accepted(new Payment(new Channel(open, Optional.of(proof), close), proof));
    }

    /** The payee checks a balance proof from the wire; accepted, it becomes the latest. */
    public Outcome<Channel, ChannelRejection> receive(byte[] proofBytes) {
        BalanceProof proof;
        try {
            proof = BalanceProof.decode(proofBytes);
        } catch (ContractException e) {
            return Outcome.rejected(ChannelRejection.MALFORMED, e.getMessage());
        }
        Ed25519PublicKey payer = open.terms().payer();
        String what = "balance proof for channel " + id();
        if (!proof.channelId().equals(id())) {
            return Outcome.rejected(ChannelRejection.WRONG_CHANNEL, what + ": names channel " + proof.channelId());
        }
        if (!proof.claimsSigner(payer)) {
            return Outcome.rejected(ChannelRejection.WRONG_SIGNER, what + ": not signed by the payer " + payer);
        }
        if (!proof.signedBy(payer)) {
            return Outcome.rejected(ChannelRejection.BAD_SIGNATURE, what + ": signature of the payer does not verify");
        }
        if (close.isPresent()) {
            return closed();
        }
        if (proof.paid() <= paid()) {
            return Outcome.rejected(ChannelRejection.STALE, what + ": pays " + proof.paid()
                    + ", not more than the latest accepted " + paid());
        }
        if (proof.paid() > open.terms().deposit()) {
            return Outcome.rejected(ChannelRejection.OVER_DEPOSIT, what + ": pays " + proof.paid() + ", over the deposit "
                    + open.terms().deposit());
        }
        return Outcome.accepted(new Channel(open, Optional.of(proof), close));
    }

    /** This side's signed proposal (COSE_Sign1 bytes) to close at the current {@link #paid()}. */
    public Outcome<byte[], ChannelRejection> proposeClose(NodeIdentity self) {
        if (close.isPresent()) {
            return closed();
        }
        if (!isParty(self.publicKey())) {
            return notParty(self);
        }
        return Outcome.accepted(closeSignature(self).encode());
    }

    /**
     * Completes a cooperative close with the other side's signature (its
     * {@link #proposeClose} or its {@link Closing#ownSignature()}): checks it, countersigns
     * and closes. Either side may call it, so both end up with the same record.
     */
    public Outcome<Closing, ChannelRejection> closeCooperatively(byte[] counterpartSignature, NodeIdentity self) {
        if (close.isPresent()) {
            return closed();
        }
        if (!isParty(self.publicKey())) {
            return notParty(self);
        }
        CoseSign1 theirs;
        ChannelAmount amount;
        try {
            theirs = CoseSign1.decode(Domain.CHANNEL_CLOSE, counterpartSignature);
            amount = ChannelAmount.decode(theirs.payload(), "channel close");
        } catch (ContractException e) {
            return Outcome.rejected(ChannelRejection.MALFORMED, e.getMessage());
        }
        Ed25519PublicKey other = ChannelOpen.counterparty(open.terms(), self.publicKey());
        String what = "close of channel " + id();
        if (!amount.channel().equals(id())) {
            return Outcome.rejected(ChannelRejection.WRONG_CHANNEL, what + ": names channel " + amount.channel());
        }
        if (!theirs.kidNames(other)) {
            return Outcome.rejected(ChannelRejection.WRONG_SIGNER, what + ": not signed by the other party " + other);
        }
        if (!theirs.verifiedBy(other)) {
            return Outcome.rejected(ChannelRejection.BAD_SIGNATURE, what + ": signature of " + other + " does not verify");
        }
        if (amount.paid() != paid()) {
            return Outcome.rejected(ChannelRejection.FINAL_MISMATCH, what + ": final amount " + amount.paid()
                    + " differs from the latest proof held, " + paid());
        }
        CoseSign1 mine = closeSignature(self);
        boolean selfIsPayer = self.publicKey().equals(open.terms().payer());
        CoSigned both = selfIsPayer ? new CoSigned(mine, theirs) : new CoSigned(theirs, mine);
        ChannelClose done = new ChannelClose.Cooperative(open, amount, both);
        return Outcome.accepted(new Closing(new Channel(open, latest, Optional.of(done)), done,
                Optional.of(mine.encode())));
    }

    /** Closes alone with the latest proof held; settled at the next epoch. */
    public Outcome<Closing, ChannelRejection> closeUnilaterally() {
        if (close.isPresent()) {
            return closed();
        }
        ChannelClose done = new ChannelClose.Unilateral(open, latest);
        return Outcome.accepted(new Closing(new Channel(open, latest, Optional.of(done)), done, Optional.empty()));
    }

    private CoseSign1 closeSignature(NodeIdentity self) {
        return CoseSign1.sign(Domain.CHANNEL_CLOSE, new ChannelAmount(id(), paid()).encode(), self);
    }

    private boolean isParty(Ed25519PublicKey key) {
        return key.equals(open.terms().payer()) || key.equals(open.terms().payee());
    }

    private <T> Outcome<T, ChannelRejection> notParty(NodeIdentity self) {
        return Outcome.rejected(ChannelRejection.WRONG_SIGNER, "channel " + id() + ": " + self.nodeId()
                + " is neither payer nor payee");
    }

    private <T> Outcome<T, ChannelRejection> closed() {
        return Outcome.rejected(ChannelRejection.CLOSED, "channel " + id() + " is closed");
    }

    @Override
    public String toString() {
        return "Channel[" + id() + ", " + status() + ", paid=" + paid() + " of " + open.terms().deposit() + "]";
    }
}
