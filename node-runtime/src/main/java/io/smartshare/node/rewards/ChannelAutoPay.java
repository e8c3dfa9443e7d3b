package io.smartshare.node.rewards;

import io.smartshare.node.ledger.LedgerAppend;
import io.smartshare.contracts.channel.Channel;
import io.smartshare.contracts.channel.ChannelId;
import io.smartshare.contracts.channel.ChannelTerms;
import io.smartshare.contracts.channel.RelayPrice;
import io.smartshare.contracts.metering.Role;
import io.smartshare.node.coap.RequestException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pays for relaying as it is delivered (docs/contracts.md §6.4): for every open channel with
 * a relay price of which this node is the payer, signs and sends a new cumulative proof for
 * what its own meter says the payee relayed for it, never beyond the deposit; a proof the
 * payee could not be reached for (5.03, 5.04) is sent again at the next round if no new one
 * carries it. Queued once per receipt interval on the desk thread, after the receipt round.
 */
final class ChannelAutoPay {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelAutoPay.class);

    private final ChannelDesk desk;
    private final ChannelOperator operator;
    private final RelayReadings readings;
    private final Executor deskThread;
    /** Channels whose latest proof did not reach the payee; desk thread only. */
    private final Set<ChannelId> undelivered = new HashSet<>();

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

    /** Pays every priced channel what it owes now, or sends its undelivered latest proof again. Runs on the desk thread. */
    void payDue() {
        for (Channel channel : desk.channels()) {
            Optional<Long> owed = owed(channel);
            if (owed.isPresent()) {
                attempt(channel, () -> operator.pay(channel.id(), owed.get()));
            } else if (undelivered.contains(channel.id()) && channel.status() == Channel.Status.OPEN) {
                attempt(channel, () -> operator.resendLatest(channel.id()));
            }
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

    private void attempt(Channel channel, Runnable send) {
        try {
            send.run();
            undelivered.remove(channel.id());
            Channel now = desk.channel(channel.id()).orElseThrow();
            LOG.info("event=channel-autopaid channel={} paid={}", channel.id(), now.paid());
        } catch (RequestException e) {
            if (e.code() == ResponseCode.SERVICE_UNAVAILABLE || e.code() == ResponseCode.GATEWAY_TIMEOUT) {
                undelivered.add(channel.id()); // recorded here; sent again next round
            } else {
                undelivered.remove(channel.id()); // the payee or this node decided
            }
            LOG.warn("event=channel-autopay-refused channel={} code={} reason=\"{}\"", channel.id(), e.code(),
                    e.getMessage());
        } catch (LedgerAppend.LedgerWriteException e) {
            LOG.error("event=channel-autopay-append-failed channel={} error=\"{}\"", channel.id(), e.getMessage());
        }
    }
}
