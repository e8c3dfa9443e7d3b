package io.smartshare.node.rewards;

import io.smartshare.node.ledger.LedgerAppend;
import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.channel.Channel;
import io.smartshare.contracts.channel.ChannelId;
import io.smartshare.contracts.channel.ChannelLedger;
import io.smartshare.contracts.channel.ChannelOpen;
import io.smartshare.contracts.channel.ChannelTerms;
import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.record.Receipt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's payment channels (docs/contracts.md §6.3, §15): a {@link ChannelLedger} rebuilt
 * from the node's own ledger at start, and the record this node appends for every channel
 * event, durable before the state moves (a failed append changes nothing). Thread-safe for
 * readers; changes come from the desk thread only ({@link ChannelInbox}, {@link
 * ChannelOperator}), so a check and the record that follows it see the same state.
 */
final class ChannelDesk implements LedgerReplay.State {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelDesk.class);

    private final Ledger ledger;
    private final NodeIdentity identity;
    private final Consumer<Object> events;
    private ChannelLedger channels;

    private ChannelDesk(Ledger ledger, NodeIdentity identity, Consumer<Object> events) {
        this.ledger = ledger;
        this.identity = identity;
        this.events = events;
        this.channels = ChannelLedger.empty(identity);
    }

    /**
     * A desk for the node owning {@code ledger} and {@code identity}, to be rebuilt with {@link LedgerReplay}.
     *
     * @param events hears a {@link RewardsEvent.ChannelChanged} per change recorded
     */
    static ChannelDesk empty(Ledger ledger, NodeIdentity identity, Consumer<Object> events) {
        return new ChannelDesk(ledger, identity, events);
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

    /** Records a channel this node opened or accepted. */
    synchronized void opened(ChannelOpen open) {
        record(Channel.opened(open), open.ledgerEntryFor(identity.publicKey()), "event=channel-opened");
    }

    /**
     * Records the latest proof of {@code next}: one this node (the payer) signed, before it is
     * sent, or one it (the payee) accepted from the payer.
     */
    synchronized void paid(Channel next) {
        record(next, next.latest().orElseThrow().ledgerEntry(next.open().terms().payer()), "event=channel-paid");
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
        events.accept(new RewardsEvent.ChannelChanged(next.id().toString(), event.substring("event=channel-".length()),
                next.status().toString(), next.paid(), seq));
    }

    /**
     * The relay service ({@code relay.up} plus {@code relay.down}, as the pair's cumulative
     * meter counts it) that {@code payer}'s open channels to this node with a relay price have
     * paid for: the channel's starting reading plus what its payments buy at its price (the
     * most of its channels), 0 without one. Pay to relay counts it like receipts.
     */
    synchronized long relayPaidFor(NodeId payer) {
        long covered = 0;
        for (Channel c : channels.channels().values()) {
            ChannelTerms terms = c.open().terms();
            if (c.status() == Channel.Status.OPEN && terms.payee().equals(identity.publicKey())
                    && NodeId.of(terms.payer()).equals(payer) && terms.price().isPresent()) {
                covered = Math.max(covered, terms.price().get().covered(c.paid()));
            }
        }
        return covered;
    }

    /** Every channel, in id order. */
    synchronized List<Channel> channels() {
        return List.copyOf(channels.channels().values());
    }

    /** Every channel's summary row, in id order. */
    synchronized List<Object> document() {
        List<Object> rows = new ArrayList<>();
        channels.channels().values().forEach(c -> rows.add(ChannelDocument.row(c, identity.publicKey())));
        return rows;
    }
}
