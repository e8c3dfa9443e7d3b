package io.smartshare.node.coap;

import io.smartshare.node.logging.RefusalLog;
import java.util.Set;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * One operator command of a service, {@code POST <name>?…}: taken only over {@code coaps://}
 * from an identity that may write (4.01 / 4.03 otherwise, as {@link WriteAuthorization}
 * decides), with only the query parameters it knows (4.00 otherwise); the handler answers, and
 * a {@link RequestException} it throws becomes that code and diagnostic. Every refusal is
 * logged at a bounded rate under {@code event}.
 */
public final class OperatorCommand extends CoapResource {
    /** What the command does with a request whose writer and query checked. */
    @FunctionalInterface
    public interface Handler {
        void handle(CoapExchange exchange, QueryParameters query);
    }

    private final Set<String> parameters;
    private final WriteAuthorization writers;
    private final Handler handler;
    private final RefusalLog refusals;
    private final String event;

    public OperatorCommand(String name, Set<String> parameters, WriteAuthorization writers, Handler handler,
            RefusalLog refusals, String event) {
        super(name);
        this.parameters = Set.copyOf(parameters);
        this.writers = writers;
        this.handler = handler;
        this.refusals = refusals;
        this.event = event;
    }

    @Override
    public void handlePOST(CoapExchange exchange) {
        WriteAuthorization.Decision decision = writers.decide(exchange);
        if (decision.refusal().isPresent()) {
            fail(exchange, decision.refusal().get().code(), decision.refusal().get().diagnostic());
            return;
        }
        try {
            handler.handle(exchange, QueryParameters.parse(exchange.getRequestOptions().getUriQuery(), parameters));
        } catch (RequestException e) {
            fail(exchange, e.code(), e.getMessage());
        }
    }

    /** Answers {@code code} with {@code diagnostic} and logs it (at most once a minute per kind). */
    public void fail(CoapExchange exchange, ResponseCode code, String diagnostic) {
        refusals.refused(event, "code={} reason=\"{}\"", code, diagnostic);
        exchange.respond(code, diagnostic, MediaTypeRegistry.TEXT_PLAIN);
    }
}
