package io.smartshare.node.fleet;

import io.smartshare.node.coap.DocumentResource;
import io.smartshare.node.coap.QueryParameters;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * {@code GET /fleet}: the members this node reports (itself, and the mesh below it when it is
 * a gateway), as the fleet page shows them; {@code GET /fleet/summary}: this node's own
 * summary, as the COSE_Sign1 its gateway asks for (content-format 18, the default) or as
 * JSON (Accept 50). Read-only, like {@code /metrics}: a summary is signed at most every few
 * seconds however often it is asked for.
 */
final class FleetResource extends DocumentResource {
    private final Supplier<Map<String, Object>> document;

    FleetResource(Supplier<Map<String, Object>> document, OwnSummary own) {
        super("fleet", "smartshare.fleet", "core.rp");
        this.document = document;
        add(new SummaryResource(own));
    }

    @Override
    protected Map<String, Object> document(QueryParameters query) {
        return document.get();
    }

    private static final class SummaryResource extends CoapResource {
        private final OwnSummary own;

        SummaryResource(OwnSummary own) {
            super("summary");
            this.own = own;
            getAttributes().addResourceType("smartshare.fleet.summary");
            getAttributes().addContentType(MediaTypeRegistry.APPLICATION_COSE_SIGN1);
            getAttributes().addContentType(MediaTypeRegistry.APPLICATION_JSON);
        }

        @Override
        public void handleGET(CoapExchange exchange) {
            int accept = exchange.getRequestOptions().getAccept();
            if (accept == MediaTypeRegistry.UNDEFINED || accept == MediaTypeRegistry.APPLICATION_COSE_SIGN1) {
                exchange.respond(ResponseCode.CONTENT, own.signed(), MediaTypeRegistry.APPLICATION_COSE_SIGN1);
            } else if (accept == MediaTypeRegistry.APPLICATION_JSON) {
                respond(exchange, ResponseCode.CONTENT, own.summary().document());
            } else {
                exchange.respond(ResponseCode.NOT_ACCEPTABLE, "accept " + accept
                        + " not supported: use 18 (COSE_Sign1) or 50 (JSON)", MediaTypeRegistry.TEXT_PLAIN);
            }
        }
    }
}
