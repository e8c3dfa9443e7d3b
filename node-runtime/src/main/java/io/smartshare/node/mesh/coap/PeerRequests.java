package io.smartshare.node.mesh.coap;

import io.smartshare.node.coap.WriteAuthorization;
import io.smartshare.node.logging.RefusalLog;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a service that mesh members offer each other (storage, compute) takes their requests:
 * who may use it — over {@code coap://} a live mesh neighbour (requests relayed through the
 * mesh arrive from one, and carry their sender's signature), over {@code coaps://} an identity
 * that may write; 4.01 for anyone else — how a refusal is answered and logged (at most once a
 * minute per kind, {@code event=<service>-refused}), and how work that touches the disk or the
 * ledger runs on the service's worker thread instead of the CoAP thread (5.03 when its queue
 * is full, 5.00 if it fails).
 */
public final class PeerRequests {
    private static final Logger LOG = LoggerFactory.getLogger(PeerRequests.class);

    private final String service;
    private final Optional<NeighborAddresses> neighbors;
    private final WriteAuthorization writers;
    private final Executor worker;
    private final RefusalLog refusals;

    /** Requests to {@code service} ({@code storage}, {@code compute}), run on {@code worker}. */
    public PeerRequests(String service, Optional<NeighborAddresses> neighbors, WriteAuthorization writers,
            Executor worker) {
        this.service = service;
        this.neighbors = neighbors;
        this.writers = writers;
        this.worker = worker;
        this.refusals = RefusalLog.of(LOG);
    }

    /** True if the request comes from a live neighbour or an identity that may write; otherwise answers 4.01. */
    public boolean admitted(CoapExchange exchange) {
        Request request = exchange.advanced().getRequest();
        boolean secure = request.getSourceContext().getPeerIdentity() instanceof PreSharedKeyIdentity;
        if (secure ? writers.permits(request) : neighbors.flatMap(n -> n.neighborAt(exchange.getSourceSocketAddress()))
                .isPresent()) {
            return true;
        }
        refuse(exchange, ResponseCode.UNAUTHORIZED, service + " is offered to mesh neighbours (and requests relayed"
                + " by them) over coap://, and to authorised identities over coaps://");
        return false;
    }

    /** Answers {@code code} with {@code diagnostic}, and logs it at a bounded rate. */
    public void refuse(CoapExchange exchange, ResponseCode code, String diagnostic) {
        refusals.refused(service + "-refused", "peer={} code={} reason=\"{}\"", exchange.getSourceSocketAddress(), code,
                diagnostic);
        exchange.respond(code, diagnostic, MediaTypeRegistry.TEXT_PLAIN);
    }

    /**
     * Runs {@code work}, which takes well under the client's acknowledgement timeout (a short
     * write without fsync, a read), on the worker thread, and lets it answer with a piggybacked
     * response: a separate response costs every request two more datagrams. What may wait for
     * an fsync or the ledger is acknowledged first ({@code exchange.accept()}) by the caller.
     */
    public void onWorker(CoapExchange exchange, Runnable work) {
        try {
            worker.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.error("event={}-request-failed path={} error=\"{}\"", service,
                            exchange.getRequestOptions().getUriPathString(), e.toString(), e);
                    exchange.respond(ResponseCode.INTERNAL_SERVER_ERROR, service + " failed: " + e.getMessage(),
                            MediaTypeRegistry.TEXT_PLAIN);
                }
            });
        } catch (RejectedExecutionException e) {
            refuse(exchange, ResponseCode.SERVICE_UNAVAILABLE, service + " is busy; send it again later");
        }
    }
}
