package io.smartshare.contracts.channel;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.cose.CoseSign1;
import io.smartshare.contracts.cose.Domain;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.record.Receipt;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One party's channels as its own ledger holds them (docs/contracts.md §6.3): which record
 * each channel event appends, and the channels rebuilt by replaying those records in ledger
 * order after a restart. Immutable: {@link #with} and {@link #replay} return the next state.
 *
 * <p>Records (ledger-lite receipt records): an open holds the other party's open signature;
 * a balance proof the payer's proof (the payee's ledger and the payer's own); a cooperative
 * close the other party's close signature; a unilateral close the closing party's own close
 * signature at the amount it closes with.
 */
public final class ChannelLedger {
    private static final Set<Domain> CHANNEL_DOMAINS = EnumSet.of(Domain.CHANNEL_OPEN, Domain.CHANNEL_PROOF,
            Domain.CHANNEL_CLOSE);

    private final NodeIdentity self;
    private final Map<ChannelId, Channel> channels;

    private ChannelLedger(NodeIdentity self, Map<ChannelId, Channel> channels) {
        this.self = self;
        this.channels = Collections.unmodifiableMap(channels);
    }

    /** No channels yet, for the party {@code self}. */
    public static ChannelLedger empty(NodeIdentity self) {
        return new ChannelLedger(self, new TreeMap<>());
    }

    /** True if {@code entry} holds a channel document (open, balance proof or close). */
    public static boolean holdsChannelDocument(Receipt entry) {
        return CoseSign1.domainOf(entry.statement()).filter(CHANNEL_DOMAINS::contains).isPresent();
    }

    /** The channels by id, in id order. */
    public Map<ChannelId, Channel> channels() {
        return channels;
    }

    public Optional<Channel> channel(ChannelId id) {
        return Optional.ofNullable(channels.get(id));
    }

    /** The state with {@code channel} added or replacing the one with its id. */
    public ChannelLedger with(Channel channel) {
        Map<ChannelId, Channel> next = new TreeMap<>(channels);
        next.put(channel.id(), channel);
        return new ChannelLedger(self, next);
    }

    /**
     * What this party appends when {@code close} closes a channel it is party to.
     *
     * @throws ContractException if this party is neither payer nor payee
     */
    public Receipt closeEntry(ChannelClose close) {
        if (close instanceof ChannelClose.Cooperative cooperative) {
            return cooperative.ledgerEntryFor(self.publicKey());
        }
        ChannelOpen.counterparty(close.open().terms(), self.publicKey()); // refuses a channel self is not party to
        return CoseSign1.sign(Domain.CHANNEL_CLOSE, new ChannelAmount(close.channelId(), close.paid()).encode(), self)
                .ledgerEntry(self.publicKey());
    }

    /**
     * Replays one channel record read back from this party's ledger ({@link
     * #holdsChannelDocument}); records must come in ledger order.
     *
     * @throws ContractException if the record does not fit the channels replayed so far (a
     *     second open, a proof or close of an unknown or closed channel, a proof not above the
     *     latest, a close at another amount than the latest proof)
     */
    public ChannelLedger replay(Receipt entry) {
        Domain domain = CoseSign1.domainOf(entry.statement())
                .orElseThrow(() -> new ContractException("ledger entry is not a signed document"));
        return switch (domain) {
            case CHANNEL_OPEN -> replayOpen(ChannelOpen.fromLedger(entry, self));
            case CHANNEL_PROOF -> replayProof(BalanceProof.fromLedger(entry.counterparty(), entry.statement(),
                    entry.signature()));
            case CHANNEL_CLOSE -> replayClose(CoseSign1.fromToBeSigned(Domain.CHANNEL_CLOSE, entry.counterparty(),
                    entry.statement(), entry.signature()));
            default -> throw new ContractException("ledger entry of " + domain + " is not a channel document");
        };
    }

    private ChannelLedger replayOpen(ChannelOpen open) {
        if (channels.containsKey(open.id())) {
            throw new ContractException("channel " + open.id() + " opened twice in the ledger");
        }
        return with(Channel.opened(open));
    }

    private ChannelLedger replayProof(BalanceProof proof) {
        Channel channel = openChannel(proof.channelId(), "balance proof");
        if (proof.paid() <= channel.paid()) {
            throw new ContractException("balance proof for channel " + channel.id() + " in the ledger pays "
                    + proof.paid() + ", not more than the earlier " + channel.paid());
        }
        return with(Channel.restore(channel.open(), Optional.of(proof)));
    }

    private ChannelLedger replayClose(CoseSign1 signature) {
        ChannelAmount amount = ChannelAmount.decode(signature.payload(), "channel close");
        Channel channel = openChannel(amount.channel(), "close");
        Ed25519PublicKey own = self.publicKey();
        if (signature.verifiedBy(own)) {
            if (amount.paid() != channel.paid()) {
                throw new ContractException("unilateral close of channel " + channel.id() + " in the ledger at "
                        + amount.paid() + ", but the latest proof pays " + channel.paid());
            }
            return with(channel.closeUnilaterally().orElseThrow().channel());
        }
        return with(channel.closeCooperatively(signature.encode(), self).orElseThrow().channel());
    }

    private Channel openChannel(ChannelId id, String what) {
        Channel channel = channels.get(id);
        if (channel == null) {
            throw new ContractException(what + " in the ledger for channel " + id + ", which the ledger never opened");
        }
        if (channel.status() == Channel.Status.CLOSED) {
            throw new ContractException(what + " in the ledger for channel " + id + " after its close");
        }
        return channel;
    }

    @Override
    public String toString() {
        return "ChannelLedger[" + self.nodeId() + ", " + channels.size() + " channels]";
    }
}
