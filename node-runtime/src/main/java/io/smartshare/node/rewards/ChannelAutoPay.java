package io.smartshare.node.rewards;

import io.smartshare.contracts.channel.Channel;
import io.smartshare.contracts.channel.ChannelTerms;
import io.smartshare.contracts.channel.RelayPrice;
import io.smartshare.contracts.metering.Role;
import io.smartshare.node.coap.RequestException;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pays for relaying as it is delivered (docs/contracts.md §6.4): for every open channel with
 * a relay price of which this node is the payer, signs and sends a new cumulative proof for
 * what its own meter says the payee relayed for it, never beyond the deposit. Queued once per
 * receipt interval on the desk thread, after the receipt round.
 */
final class ChannelAutoPay {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelAutoPay.class);

    private final ChannelDesk desk;
    private final ChannelOperator operator;
    private final RelayReadings readings;
    private final Executor deskThread;

    ChannelAutoPay(ChannelDesk desk, ChannelOperator operator, RelayReadings readings, Executor deskThread) {
        this.desk = desk;
        this.operator = operator;
        this.readings = readings;
        this.deskThread = deskThread;
    }

    /** Queues {@link #payDue} on the desk thread; skipped (and done next interval) if its queue is full. */
    void queue() {
        try {
            deskThread.execute(this::payDue);
        } catch (RejectedExecutionException e) {
            LOG.warn("event=channel-autopay-skipped reason=\"the desk queue is full\"");
        }
    }

    /** Pays every priced channel what it owes now. Runs on the desk thread. */
    void payDue() {
        for (Channel channel : desk.channels()) {
            owed(channel).ifPresent(increment -> pay(channel, increment));
        }
    }

    /**
     * What this node owes on {@code channel} beyond what it paid: {@code min(price.due(reading),
     * deposit) − paid}; empty if not positive, or if the channel is closed, unpriced or not paid by
     * this node.
     */
    Optional<Long> owed(Channel channel) {
        ChannelTerms terms = channel.open().terms();
        if (channel.status() != Channel.Status.OPEN || !terms.payer().equals(desk.identity().publicKey())
                || terms.price().isEmpty()) {
            return Optional.empty();
        }
        RelayPrice price = terms.price().get();
        long due = Math.min(price.due(readings.relayed(terms.payee(), Role.CONSUMED)), terms.deposit());
        return due > channel.paid() ? Optional.of(due - channel.paid()) : Optional.empty();
    }

    private void pay(Channel channel, long increment) {
        try {
            Channel paid = operator.pay(channel.id(), increment);
            LOG.info("event=channel-autopaid channel={} increment={} paid={}", channel.id(), increment, paid.paid());
        } catch (RequestException e) {
            LOG.warn("event=channel-autopay-refused channel={} code={} reason=\"{}\"", channel.id(), e.code(),
                    e.getMessage());
        } catch (LedgerAppend.LedgerWriteException e) {
            LOG.error("event=channel-autopay-append-failed channel={} error=\"{}\"", channel.id(), e.getMessage());
        }
    }
}
