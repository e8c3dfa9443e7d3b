package io.smartshare.node.rewards;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.mesh.coap.NeighborAddresses;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A resource that takes signed contract documents from peers ({@code POST}, COSE_Sign1 in
 * content-format 60; docs/contracts.md §14, §15): over {@code coaps://} from any configured
 * PSK identity, over plain {@code coap://} only from a live mesh neighbour, which the
 * subclass then binds to the document's signer. Refuses 4.15 another format, 4.13 a payload
 * over the limit, 4.01 plain coap from a non-neighbour; nothing changes. The check and the
 * ledger append run on the desk thread (5.03 when its queue is full).
 */
abstract class SignedMessageResource extends CoapResource {
    private static final Logger LOG = LoggerFactory.getLogger(SignedMessageResource.class);

    /** Who sent a request: over coaps (any configured identity), or a live mesh neighbour over coap. */
    record Sender(boolean secure, Optional<NodeId> neighbor) {
        /** True if the sender may hand in a document signed by (or on behalf of) {@code party}. */
        boolean mayActFor(NodeId party) {
            return secure || neighbor.filter(party::equals).isPresent();
        }

        String describe() {
            return secure ? "coaps client" : "neighbour " + neighbor.map(NodeId::value).orElse("?");
        }
    }

    private final String document;
    private final int maxBytes;
    private final Optional<NeighborAddresses> neighbors;
    private final Executor deskThread;

    /**
     * @param document what the payload is, for diagnostics ("receipt", "balance proof")
     * @param deskThread runs the checks and ledger appends one at a time, so the CoAP
     *     protocol thread never waits for an fsync; refuses work when its queue is full
     */
    SignedMessageResource(String name, String document, int maxBytes, Optional<NeighborAddresses> neighbors,
            Executor deskThread) {
        super(name);
        this.document = document;
        this.maxBytes = maxBytes;
        this.neighbors = neighbors;
        this.deskThread = deskThread;
        getAttributes().addContentType(MediaTypeRegistry.APPLICATION_CBOR);
    }

    @Override
    public final void handlePOST(CoapExchange exchange) {
        if (exchange.getRequestOptions().getContentFormat() != MediaTypeRegistry.APPLICATION_CBOR) {
            refuse(exchange, ResponseCode.UNSUPPORTED_CONTENT_FORMAT,
                    "send the " + document + "'s COSE_Sign1 bytes as content-format 60 (application/cbor)");
            return;
        }
        byte[] payload = exchange.getRequestPayload();
        if (payload.length > maxBytes) {
            refuse(exchange, ResponseCode.REQUEST_ENTITY_TOO_LARGE, "a " + document + " is at most " + maxBytes + " bytes");
            return;
        }
        Sender sender = new Sender(exchange.advanced().getRequest().getSourceContext().getPeerIdentity()
                instanceof PreSharedKeyIdentity, neighbors.flatMap(n -> n.neighborAt(exchange.getSourceSocketAddress())));
        if (!sender.secure() && sender.neighbor().isEmpty()) {
            refuse(exchange, ResponseCode.UNAUTHORIZED,
                    document + "s over coap:// are taken from mesh neighbours only; others use coaps://");
            return;
        }
        take(exchange, payload, sender);
    }

    /** Checks who may send {@code payload} and, if it passes, {@link #onDesk decides} it. */
    protected abstract void take(CoapExchange exchange, byte[] payload, Sender sender);

    /** Runs {@code decision} on the desk thread, which answers the exchange. */
    protected final void onDesk(CoapExchange exchange, Runnable decision) {
        exchange.accept(); // the ledger append may take a while: stop the sender's retransmissions
        try {
            deskThread.execute(decision);
        } catch (RejectedExecutionException e) {
            refuse(exchange, ResponseCode.SERVICE_UNAVAILABLE, "too many " + document + "s waiting; send it again later");
        }
    }

    /** Answers {@code code} with {@code diagnostic} and logs the refusal. */
    protected final void refuse(CoapExchange exchange, ResponseCode code, String diagnostic) {
        LOG.warn("event={}-rejected peer={} code={} reason=\"{}\"", document.replace(' ', '-'),
                exchange.getSourceSocketAddress(), code, diagnostic);
        exchange.respond(code, diagnostic, MediaTypeRegistry.TEXT_PLAIN);
    }
}
