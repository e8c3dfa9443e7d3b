package io.smartshare.node.rewards;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.channel.BalanceProof;
import io.smartshare.contracts.channel.Channel;
import io.smartshare.contracts.channel.ChannelAmount;
import io.smartshare.contracts.channel.ChannelId;
import io.smartshare.contracts.channel.ChannelLedger;
import io.smartshare.contracts.channel.ChannelOpen;
import io.smartshare.contracts.channel.ChannelRejection;
import io.smartshare.contracts.channel.ChannelTerms;
import io.smartshare.contracts.cose.CoseSign1;
import io.smartshare.contracts.cose.Domain;
import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.record.Receipt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's payment channels (docs/contracts.md §6, §15): a {@link ChannelLedger} rebuilt
 * from the node's own ledger at start, the checks on channel documents a peer sends, and the
 * records this node appends for every channel event. Every change is appended to the ledger
 * and durable before the state moves; a rejection or a failed append changes nothing.
 * Thread-safe; changes are made one at a time on the desk thread.
 */
final class ChannelDesk implements LedgerReplay.State {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelDesk.class);

    private final Ledger ledger;
    private final NodeIdentity identity;
    private ChannelLedger channels;

    private ChannelDesk(Ledger ledger, NodeIdentity identity) {
        this.ledger = ledger;
        this.identity = identity;
        this.channels = ChannelLedger.empty(identity);
    }

    /** A desk for the node owning {@code ledger} and {@code identity}, to be rebuilt with {@link LedgerReplay}. */
    static ChannelDesk empty(Ledger ledger, NodeIdentity identity) {
        return new ChannelDesk(ledger, identity);
    }

    @Override
    public synchronized void replay(long seq, Receipt entry) {
        if (!ChannelLedger.holdsChannelDocument(entry)) {
            return;
        }
        try {
            channels = channels.replay(entry);
        } catch (ContractException e) {
            LOG.warn("event=channel-record-not-restored seq={} reason=\"{}\"", seq, e.getMessage());
        }
    }

    @Override
    public synchronized void replayed() {
        LOG.info("event=channels-restored channels={}", channels.channels().size());
    }

    NodeIdentity identity() {
        return identity;
    }

    synchronized Optional<Channel> channel(ChannelId id) {
        return channels.channel(id);
    }

    /**
     * The party that a plain-coap sender of {@code bytes} must be: the payer named by an open
     * proposal, the other party of the channel a proof or close names; empty if unreadable.
     */
    synchronized Optional<Ed25519PublicKey> counterpartyOf(ChannelMessage kind, byte[] bytes) {
        try {
            if (kind == ChannelMessage.OPEN) {
                return Optional.of(ChannelTerms.decode(CoseSign1.decode(Domain.CHANNEL_OPEN, bytes).payload()).payer());
            }
            return channels.channel(channelNamedBy(kind, bytes)).map(this::otherParty);
        } catch (ContractException e) {
            return Optional.empty(); // the desk's check names what is malformed
        }
    }

    /** Checks a channel document from the other party and records it; the answer's payload if accepted. */
    synchronized Outcome<byte[], ChannelRejection> take(ChannelMessage kind, byte[] bytes) {
        return switch (kind) {
            case OPEN -> takeOpen(bytes);
            case PROOF -> takeProof(bytes);
            case CLOSE -> takeClose(bytes);
        };
    }

    private Outcome<byte[], ChannelRejection> takeOpen(byte[] proposal) {
        Outcome<ChannelOpen, ChannelRejection> outcome = ChannelOpen.accept(proposal, identity);
        if (outcome.rejection().isPresent()) {
            return rejected(outcome);
        }
        ChannelOpen open = outcome.acceptedValue().get();
        Optional<Channel> known = channels.channel(open.id());
        if (known.isEmpty()) {
            opened(open);
        }
        return Outcome.accepted(open.encode());
    }

    private Outcome<byte[], ChannelRejection> takeProof(byte[] bytes) {
        Outcome<Channel, ChannelRejection> found = find(ChannelMessage.PROOF, bytes);
        if (found.rejection().isPresent()) {
            return rejected(found);
        }
        Channel channel = found.acceptedValue().get();
        if (channel.open().terms().payer().equals(identity.publicKey())) {
            return Outcome.rejected(ChannelRejection.WRONG_SIGNER, "balance proof for channel " + channel.id()
                    + ": this node is its payer; proofs go to the payee");
        }
        Outcome<Channel, ChannelRejection> received = channel.receive(bytes);
        if (received.rejection().isPresent()) {
            return rejected(received);
        }
        Channel next = received.acceptedValue().get();
        BalanceProof proof = next.latest().orElseThrow();
        record(next, proof.ledgerEntry(channel.open().terms().payer()), "event=channel-proof-accepted");
        return Outcome.accepted(new byte[0]);
    }

    private Outcome<byte[], ChannelRejection> takeClose(byte[] signature) {
        Outcome<Channel, ChannelRejection> found = find(ChannelMessage.CLOSE, signature);
        if (found.rejection().isPresent()) {
            return rejected(found);
        }
        Outcome<Channel.Closing, ChannelRejection> closing = found.acceptedValue().get()
                .closeCooperatively(signature, identity);
        if (closing.rejection().isPresent()) {
            return rejected(closing);
        }
        closed(closing.acceptedValue().get());
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
        Optional<Channel> channel = channels.channel(id);
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
        return terms.payer().equals(identity.publicKey()) ? terms.payee() : terms.payer();
    }

    /** Records a channel this node opened or accepted. */
    synchronized void opened(ChannelOpen open) {
        record(Channel.opened(open), open.ledgerEntryFor(identity.publicKey()), "event=channel-opened");
    }

    /** Records a payment this node (the payer) signed, before the proof is sent. */
    synchronized void paid(Channel.Payment payment) {
        record(payment.channel(), payment.proof().ledgerEntry(identity.publicKey()), "event=channel-paid");
    }

    /** Records a close of one of this node's channels. */
    synchronized void closed(Channel.Closing closing) {
        record(closing.channel(), channels.closeEntry(closing.close()), "event=channel-closed");
    }

    private void record(Channel next, Receipt entry, String event) {
        long seq = LedgerAppend.durably(ledger, entry);
        channels = channels.with(next);
        LOG.info("{} channel={} status={} paid={} deposit={} seq={}", event, next.id(), next.status(), next.paid(),
                next.open().terms().deposit(), seq);
    }

    /** Every channel's summary row, in id order. */
    synchronized List<Object> document() {
        List<Object> rows = new ArrayList<>();
        channels.channels().values().forEach(c -> rows.add(ChannelDocument.row(c, identity.publicKey())));
        return rows;
    }
}
