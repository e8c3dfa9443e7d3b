package io.smartshare.node.rewards;

import io.smartshare.node.ledger.LedgerAppend;
import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.channel.ChannelRejection;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.mesh.coap.NeighborAddresses;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /channels/peer/open|proof|close}: the other party of a channel hands this node
 * a channel document (docs/contracts.md §15). Over plain {@code coap://} only from the live
 * mesh neighbour that is the document's party (the payer of an open, the other party of the
 * channel), over {@code coaps://} from any configured identity. Accepted: 2.01 with the open
 * record, 2.04 for a proof, 2.04 with this node's close signature; rejected with the
 * {@link ChannelCodes code} of its reason and {@code REASON: detail}; nothing changes.
 */
final class ChannelMessageResource extends SignedMessageResource {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelMessageResource.class);
    /** An open proposal, a proof and a close signature are all under 300 bytes. */
    private static final int MAX_BYTES = 1024;

    private final ChannelMessage kind;
    private final ChannelInbox inbox;

    ChannelMessageResource(ChannelMessage kind, ChannelInbox inbox, Executor deskThread,
            Optional<NeighborAddresses> neighbors, Predicate<Request> writers) {
        super(kind.path(), kind.document(), MAX_BYTES, neighbors, deskThread, writers);
        this.kind = kind;
        this.inbox = inbox;
        getAttributes().addResourceType("smartshare.channel." + kind.path());
    }

    @Override
    protected void take(CoapExchange exchange, byte[] payload, Sender sender) {
        Optional<String> foreign = foreignDocument(payload, sender);
        if (foreign.isPresent()) {
            refuse(exchange, ResponseCode.FORBIDDEN, foreign.get());
            return;
        }
        onDesk(exchange, () -> decide(exchange, payload));
    }

    /**
     * Why {@code sender} may not hand in {@code payload} (answered 4.03): it is a neighbour over
     * {@code coap://} that is not the document's party; empty if it may.
     */
    Optional<String> foreignDocument(byte[] payload, Sender sender) {
        return inbox.counterpartyOf(kind, payload).map(NodeId::of).filter(party -> !sender.mayActFor(party))
                .map(party -> kind.document() + " of " + party + " sent by " + sender.describe()
                        + ": over coap:// only the channel's other party sends its documents");
    }

    private void decide(CoapExchange exchange, byte[] payload) {
        Outcome<byte[], ChannelRejection> outcome;
        try {
            outcome = inbox.take(kind, payload);
        } catch (LedgerAppend.LedgerWriteException e) {
            LOG.error("event=channel-append-failed document=\"{}\" error=\"{}\"", kind.document(), e.getMessage());
            exchange.respond(ResponseCode.INTERNAL_SERVER_ERROR, "the ledger did not take the " + kind.document()
                    + "; nothing changed", MediaTypeRegistry.TEXT_PLAIN);
            return;
        }
        if (outcome.rejection().isPresent()) {
            refuse(exchange, ChannelCodes.of(outcome.rejection().get().reason()), outcome.rejection().get().toString());
            return;
        }
        byte[] answer = outcome.acceptedValue().get();
        ResponseCode code = kind == ChannelMessage.OPEN ? ResponseCode.CREATED : ResponseCode.CHANGED;
        if (answer.length == 0) {
            exchange.respond(code, "accepted", MediaTypeRegistry.TEXT_PLAIN);
        } else {
            exchange.respond(code, answer, MediaTypeRegistry.APPLICATION_CBOR);
        }
    }
}
