package io.smartshare.node.rewards;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.logging.RefusalLog;
import io.smartshare.node.mesh.coap.NeighborAddresses;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.slf4j.LoggerFactory;

/**
 * A resource that takes signed contract documents from peers ({@code POST}, COSE_Sign1 in
 * content-format 60; docs/contracts.md §14, §15): over {@code coaps://} from a PSK identity
 * that may write (a document goes into the ledger), over plain {@code coap://} only from a
 * live mesh neighbour, which the subclass then binds to the document's signer. Refuses 4.15
 * another format, 4.13 a payload over the limit, 4.01 plain coap from a non-neighbour, 4.03 a
 * read-only identity; nothing changes. The check and the
 * ledger append run on the desk thread (5.03 when its queue is full).
 */
abstract class SignedMessageResource extends CoapResource {
    private static final RefusalLog REFUSALS = RefusalLog.of(LoggerFactory.getLogger(SignedMessageResource.class));

    /** Who sent a request: over coaps (an identity that may write), or a live mesh neighbour over coap. */
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
    private final Predicate<Request> writers;

    /**
     * @param document what the payload is, for diagnostics ("receipt", "balance proof")
     * @param deskThread runs the checks and ledger appends one at a time, so the CoAP
     *     protocol thread never waits for an fsync; refuses work when its queue is full
     * @param writers the {@code coaps://} requests whose identity may write
     */
    SignedMessageResource(String name, String document, int maxBytes, Optional<NeighborAddresses> neighbors,
            Executor deskThread, Predicate<Request> writers) {
        super(name);
        this.document = document;
        this.maxBytes = maxBytes;
        this.neighbors = neighbors;
        this.deskThread = deskThread;
        this.writers = writers;
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
        Request request = exchange.advanced().getRequest();
        boolean secure = request.getSourceContext().getPeerIdentity() instanceof PreSharedKeyIdentity;
        if (secure && !writers.test(request)) {
            refuse(exchange, ResponseCode.FORBIDDEN, document + "s go into the ledger: this identity may not write"
                    + " (may-write-config is not set)");
            return;
        }
        Sender sender = new Sender(secure, neighbors.flatMap(n -> n.neighborAt(exchange.getSourceSocketAddress())));
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

    /**
     * Answers {@code code} with {@code diagnostic} and logs the refusal, at most once a minute per
     * kind of document ({@link RefusalLog}).
     */
    protected final void refuse(CoapExchange exchange, ResponseCode code, String diagnostic) {
        REFUSALS.refused(document.replace(' ', '-') + "-rejected", "peer={} code={} reason=\"{}\"",
                exchange.getSourceSocketAddress(), code, diagnostic);
        exchange.respond(code, diagnostic, MediaTypeRegistry.TEXT_PLAIN);
    }
}
