package io.smartshare.node.rewards;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.channel.BalanceProof;
import io.smartshare.contracts.channel.Channel;
import io.smartshare.contracts.channel.ChannelAmount;
import io.smartshare.contracts.channel.ChannelId;
import io.smartshare.contracts.channel.ChannelOpen;
import io.smartshare.contracts.channel.ChannelRejection;
import io.smartshare.contracts.channel.ChannelTerms;
import io.smartshare.contracts.channel.RelayPrice;
import io.smartshare.contracts.cose.CoseSign1;
import io.smartshare.contracts.cose.Domain;
import io.smartshare.contracts.metering.Role;
import io.smartshare.contracts.receipt.Tolerance;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import java.util.Optional;

/**
 * Checks the channel documents the other party of a channel hands this node ({@code
 * /channels/peer/...}, docs/contracts.md §15) and records accepted ones through the {@link
 * ChannelDesk}: an open proposal naming this node as payee, a balance proof for a channel it
 * is payee of, a close signature of the other party. For a channel with a relay price
 * (§6.4), the open's starting reading and every proof's amount are checked against this
 * node's own meter within {@code tolerance}. A rejection names its reason and changes
 * nothing. {@link #take} runs on the desk thread only.
 */
final class ChannelInbox {
    private final ChannelDesk desk;
    private final RelayReadings readings;
    private final Tolerance tolerance;
    private final long relayPrice;

    /**
     * @param readings this node's meter of the relaying it provided to each payer
     * @param tolerance how far a priced amount may be from that meter (the receipt tolerance, §4.3)
     * @param relayPrice what this node asks for relaying, micro-tokens per 1,000,000 bytes (0:
     *     nothing): a priced open paying less is refused
     */
    ChannelInbox(ChannelDesk desk, RelayReadings readings, Tolerance tolerance, long relayPrice) {
        this.desk = desk;
        this.readings = readings;
        this.tolerance = tolerance;
        this.relayPrice = relayPrice;
    }

    /**
     * The party that a plain-coap sender of {@code bytes} must be: the payer named by an open
     * proposal, the other party of the channel a proof or close names; empty if unreadable.
     */
    Optional<Ed25519PublicKey> counterpartyOf(ChannelMessage kind, byte[] bytes) {
        try {
            if (kind == ChannelMessage.OPEN) {
                return Optional.of(ChannelTerms.decode(CoseSign1.decode(Domain.CHANNEL_OPEN, bytes).payload()).payer());
            }
            return desk.channel(channelNamedBy(kind, bytes)).map(this::otherParty);
        } catch (ContractException e) {
            return Optional.empty(); // take names what is malformed
        }
    }

    /** Checks a channel document from the other party and records it; the answer's payload if accepted. */
    Outcome<byte[], ChannelRejection> take(ChannelMessage kind, byte[] bytes) {
        return switch (kind) {
            case OPEN -> takeOpen(bytes);
            case PROOF -> takeProof(bytes);
            case CLOSE -> takeClose(bytes);
        };
    }

    private Outcome<byte[], ChannelRejection> takeOpen(byte[] proposal) {
        Outcome<ChannelOpen, ChannelRejection> outcome = ChannelOpen.accept(proposal, desk.identity());
        if (outcome.rejection().isPresent()) {
            return rejected(outcome);
        }
        ChannelOpen open = outcome.acceptedValue().get();
        Optional<RelayPrice> price = open.terms().price();
        if (price.isPresent() && !price.get().atLeast(relayPrice)) {
            return Outcome.rejected(ChannelRejection.BELOW_PRICE, "channel open " + open.id() + ": pays "
                    + price.get().rate() + " per " + price.get().unit() + " bytes, below this node's relay price of "
                    + relayPrice + " per 1000000 bytes");
        }
        if (price.isPresent()) {
            long provided = readings.relayed(open.terms().payer(), Role.PROVIDED);
            if (!price.get().startsWithin(provided, tolerance)) {
                return Outcome.rejected(ChannelRejection.BEYOND_TOLERANCE, "channel open " + open.id()
                        + ": the price starts at relay reading " + price.get().from() + ", above this node's "
                        + provided + " beyond tolerance " + tolerance.around(provided));
            }
        }
        if (desk.channel(open.id()).isEmpty()) {
            desk.opened(open);
        }
        return Outcome.accepted(open.encode());
    }

    private Outcome<byte[], ChannelRejection> takeProof(byte[] bytes) {
        Outcome<Channel, ChannelRejection> found = find(ChannelMessage.PROOF, bytes);
        if (found.rejection().isPresent()) {
            return rejected(found);
        }
        Channel channel = found.acceptedValue().get();
        if (channel.open().terms().payer().equals(desk.identity().publicKey())) {
            return Outcome.rejected(ChannelRejection.WRONG_SIGNER, "balance proof for channel " + channel.id()
                    + ": this node is its payer; proofs go to the payee");
        }
        Outcome<Channel, ChannelRejection> received = channel.receive(bytes);
        if (received.rejection().isPresent()) {
            return rejected(received);
        }
        Optional<RelayPrice> price = channel.open().terms().price();
        long paid = received.acceptedValue().get().paid();
        if (price.isPresent()) {
            long provided = readings.relayed(channel.open().terms().payer(), Role.PROVIDED);
            if (!price.get().allows(paid, provided, tolerance, channel.open().terms().deposit())) {
                return Outcome.rejected(ChannelRejection.BEYOND_TOLERANCE, "balance proof for channel " + channel.id()
                        + ": pays " + paid + ", but this node relayed " + provided + " bytes for the payer, worth "
                        + price.get().due(provided) + " (tolerance " + tolerance.around(provided) + " bytes)");
            }
        }
        desk.paid(received.acceptedValue().get());
        return Outcome.accepted(new byte[0]);
    }

    private Outcome<byte[], ChannelRejection> takeClose(byte[] signature) {
        Outcome<Channel, ChannelRejection> found = find(ChannelMessage.CLOSE, signature);
        if (found.rejection().isPresent()) {
            return rejected(found);
        }
        Outcome<Channel.Closing, ChannelRejection> closing = found.acceptedValue().get()
                .closeCooperatively(signature, desk.identity());
        if (closing.rejection().isPresent()) {
            return rejected(closing);
        }
        desk.closed(closing.acceptedValue().get());
        return Outcome.accepted(closing.acceptedValue().get().ownSignature().orElseThrow());
    }

    /** The channel a proof or close names; rejected MALFORMED or WRONG_CHANNEL (not one of this node's). */
    private Outcome<Channel, ChannelRejection> find(ChannelMessage kind, byte[] bytes) {
        ChannelId id;
        try {
            id = channelNamedBy(kind, bytes);
        } catch (ContractException e) {
            return Outcome.rejected(ChannelRejection.MALFORMED, e.getMessage());
        }
        Optional<Channel> channel = desk.channel(id);
        if (channel.isEmpty()) {
            return Outcome.rejected(ChannelRejection.WRONG_CHANNEL, kind.document() + " names channel " + id
                    + ", which this node does not have");
        }
        return Outcome.accepted(channel.get());
    }

    /** The same rejection for another accepted type. */
    private static <T> Outcome<T, ChannelRejection> rejected(Outcome<?, ChannelRejection> outcome) {
        return Outcome.rejected(outcome.rejection().orElseThrow().reason(), outcome.rejection().orElseThrow().detail());
    }

    private static ChannelId channelNamedBy(ChannelMessage kind, byte[] bytes) {
        if (kind == ChannelMessage.PROOF) {
            return BalanceProof.decode(bytes).channelId();
        }
        return ChannelAmount.decode(CoseSign1.decode(Domain.CHANNEL_CLOSE, bytes).payload(), kind.document()).channel();
    }

    private Ed25519PublicKey otherParty(Channel channel) {
        ChannelTerms terms = channel.open().terms();
        return terms.payer().equals(desk.identity().publicKey()) ? terms.payee() : terms.payer();
    }
}
