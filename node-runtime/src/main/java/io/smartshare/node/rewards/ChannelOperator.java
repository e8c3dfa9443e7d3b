package io.smartshare.node.rewards;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.channel.Channel;
import io.smartshare.contracts.channel.ChannelId;
import io.smartshare.contracts.channel.ChannelOpen;
import io.smartshare.contracts.channel.ChannelRejection;
import io.smartshare.contracts.channel.ChannelTerms;
import io.smartshare.contracts.channel.RelayPrice;
import io.smartshare.contracts.metering.Role;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.coap.RequestException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;

/**
 * What the node's operator asks of its channels (docs/contracts.md §15): open one as payer,
 * pay on it, close it cooperatively (with the other party) or alone. Each command exchanges
 * the documents with the other party through a {@link Messenger} and records this node's side
 * through {@link ChannelDesk}; a refusal by either side leaves this node's channels unchanged,
 * except a payment, which is recorded before it is sent (the proof is cumulative, so a proof
 * the payee did not get is carried by the next one). Runs on the desk thread.
 */
final class ChannelOperator {
    /** Hands a channel document to the other party and returns its answer ({@link ChannelPeer} over CoAP). */
    @FunctionalInterface
    interface Messenger {
        /**
         * @throws RequestException (5.xx) if the party cannot be reached or does not answer
         */
        Answer send(Ed25519PublicKey party, ChannelMessage kind, byte[] payload);
    }

    /** The other party's answer: its code, and its payload (bytes for a success, diagnostic text otherwise). */
    record Answer(ResponseCode code, byte[] payload) {
        boolean is(ResponseCode expected) {
            return code == expected;
        }

        String diagnostic() {
            return code + " " + new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** The price the operator asks for relaying: {@code rate} micro-tokens per {@code unit} bytes (§6.4). */
    record PriceQuote(long rate, long unit) {
    }

    private final ChannelDesk desk;
    private final Messenger peer;
    private final RelayReadings readings;
    private final SecureRandom random;

    /** @param readings this node's meter of the relaying each payee did for it, where a priced channel starts */
    ChannelOperator(ChannelDesk desk, Messenger peer, RelayReadings readings, SecureRandom random) {
        this.desk = desk;
        this.peer = peer;
        this.readings = readings;
        this.random = random;
    }

    /**
     * Opens a channel paying {@code payee} from a deposit of {@code deposit} micro-tokens; with
     * a {@code quote}, at that relay price from this node's current reading for the payee on,
     * paid automatically ({@link ChannelAutoPay}).
     */
    Channel open(Ed25519PublicKey payee, long deposit, Optional<PriceQuote> quote) {
        NodeIdentity self = desk.identity();
        byte[] nonce = new byte[ChannelTerms.NONCE_LENGTH];
        random.nextBytes(nonce);
        ChannelTerms terms;
        try {
            Optional<RelayPrice> price = quote.map(q -> new RelayPrice(q.rate(), q.unit(),
                    readings.relayed(payee, Role.CONSUMED)));
            terms = new ChannelTerms(self.publicKey(), payee, deposit, nonce, price);
        } catch (ContractException e) {
            throw RequestException.badRequest(e.getMessage());
        }
        Answer answer = peer.send(payee, ChannelMessage.OPEN, ChannelOpen.propose(terms, self));
        if (!answer.is(ResponseCode.CREATED)) {
            throw refusedBy("the payee", answer);
        }
        Outcome<ChannelOpen, ChannelRejection> open = ChannelOpen.decode(answer.payload());
        if (open.rejection().isPresent() || !open.acceptedValue().get().terms().equals(terms)) {
            throw new RequestException(ResponseCode.BAD_GATEWAY, "the payee answered no open record of these terms: "
                    + open.rejection().map(Object::toString).orElse("other terms"));
        }
        desk.opened(open.acceptedValue().get());
        return desk.channel(terms.id()).orElseThrow();
    }

    /** Pays {@code increment} more micro-tokens on channel {@code id}, of which this node is the payer. */
    Channel pay(ChannelId id, long increment) {
        Channel channel = existing(id);
        if (increment <= 0) {
            throw RequestException.badRequest("amount must be > 0, found " + increment);
        }
        Channel.Payment payment = accepted(channel.pay(increment, desk.identity()));
        desk.paid(payment.channel());
        Answer answer;
        try {
            answer = peer.send(channel.open().terms().payee(), ChannelMessage.PROOF, payment.proof().encode());
        } catch (RequestException e) {
            throw new RequestException(e.code(), e.getMessage() + " (the payment is recorded here, paid "
                    + payment.channel().paid() + "; the next payment or the close carries it)");
        }
        if (!answer.is(ResponseCode.CHANGED)) {
            throw refusedBy("the payee", answer);
        }
        return payment.channel();
    }

    /**
     * Posts the latest proof of channel {@code id}, of which this node is the payer, to the
     * payee again (one it may not have got); a {@code STALE} answer means it has it.
     *
     * @throws RequestException 5.xx if the payee cannot be reached or refuses it otherwise
     */
    void resendLatest(ChannelId id) {
        Channel channel = existing(id);
        Answer answer = peer.send(channel.open().terms().payee(), ChannelMessage.PROOF,
                channel.latest().orElseThrow(() -> new RequestException(ResponseCode.NOT_FOUND, "channel " + id
                        + " has no proof to send")).encode());
        if (!answer.is(ResponseCode.CHANGED) && !answer.is(ResponseCode.CONFLICT)) {
            throw refusedBy("the payee", answer);
        }
    }

    /**
     * Closes channel {@code id}: alone with the latest proof held, or together with the
     * other party, which must hold the same latest proof (the payer sends it again first).
     */
    Channel close(ChannelId id, boolean unilateral) {
        Channel channel = existing(id);
        if (unilateral) {
            Channel.Closing closing = accepted(channel.closeUnilaterally());
            desk.closed(closing);
            return closing.channel();
        }
        NodeIdentity self = desk.identity();
        boolean payer = channel.open().terms().payer().equals(self.publicKey());
        Ed25519PublicKey other = payer ? channel.open().terms().payee() : channel.open().terms().payer();
        if (payer && channel.latest().isPresent()) {
            peer.send(other, ChannelMessage.PROOF, channel.latest().get().encode()); // a STALE answer is fine
        }
        Answer answer = peer.send(other, ChannelMessage.CLOSE, accepted(channel.proposeClose(self)));
        if (!answer.is(ResponseCode.CHANGED)) {
            throw refusedBy("the other party", answer);
        }
        Outcome<Channel.Closing, ChannelRejection> closing = channel.closeCooperatively(answer.payload(), self);
        if (closing.rejection().isPresent()) {
            throw new RequestException(ResponseCode.BAD_GATEWAY, "the other party's close signature was refused: "
                    + closing.rejection().get());
        }
        desk.closed(closing.acceptedValue().get());
        return closing.acceptedValue().get().channel();
    }

    private Channel existing(ChannelId id) {
        return desk.channel(id).orElseThrow(() -> new RequestException(ResponseCode.NOT_FOUND,
                "this node has no channel " + id));
    }

    private static <T> T accepted(Outcome<T, ChannelRejection> outcome) {
        if (outcome.rejection().isPresent()) {
            throw new RequestException(ChannelCodes.of(outcome.rejection().get().reason()),
                    outcome.rejection().get().toString());
        }
        return outcome.acceptedValue().get();
    }

    private static RequestException refusedBy(String who, Answer answer) {
        return new RequestException(ResponseCode.BAD_GATEWAY, who + " refused: " + answer.diagnostic());
    }
}
