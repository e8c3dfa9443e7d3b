package io.smartshare.node.coap;

import io.smartshare.node.json.Json;
import java.util.Map;
import java.util.Set;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * A read-only resource whose state is a document, served as JSON (content-format 50) by
 * default and as CBOR (60) when the request's Accept option asks for it; any other Accept
 * gets 4.06. Subclasses provide the document, from the query parameters they declare, and
 * the link attributes; a {@link RequestException} becomes its 4.xx with the message as
 * diagnostic. Every other method gets 4.05 from Californium.
 */
public abstract class DocumentResource extends CoapResource {
    private final Set<String> queryNames;

    protected DocumentResource(String name, String resourceType, String interfaceDescription) {
        this(name, resourceType, interfaceDescription, Set.of());
    }

    protected DocumentResource(String name, String resourceType, String interfaceDescription, Set<String> queryNames) {
        super(name);
        this.queryNames = Set.copyOf(queryNames);
        getAttributes().addResourceType(resourceType);
        getAttributes().addInterfaceDescription(interfaceDescription);
        getAttributes().addContentType(MediaTypeRegistry.APPLICATION_JSON);
        getAttributes().addContentType(MediaTypeRegistry.APPLICATION_CBOR);
    }

    /** The state of the resource as {@code query} asks for it. */
    protected abstract Map<String, Object> document(QueryParameters query);

    @Override
    public void handleGET(CoapExchange exchange) {
        Map<String, Object> document;
        try {
            document = document(QueryParameters.parse(exchange.getRequestOptions().getUriQuery(), queryNames));
        } catch (RequestException e) {
            exchange.respond(e.code(), e.getMessage(), MediaTypeRegistry.TEXT_PLAIN);
            return;
        }
        respond(exchange, ResponseCode.CONTENT, document);
    }

    /** Answers {@code code} with {@code document} in the representation the client accepts. */
    protected static void respond(CoapExchange exchange, ResponseCode code, Map<String, Object> document) {
        int accept = exchange.getRequestOptions().getAccept();
        switch (accept) {
            case MediaTypeRegistry.UNDEFINED, MediaTypeRegistry.APPLICATION_JSON ->
                    exchange.respond(code, Json.write(document), MediaTypeRegistry.APPLICATION_JSON);
            case MediaTypeRegistry.APPLICATION_CBOR ->
                    exchange.respond(code, Cbor.write(document), MediaTypeRegistry.APPLICATION_CBOR);
            default -> exchange.respond(ResponseCode.NOT_ACCEPTABLE,
                    "accept " + accept + " not supported: use 50 (JSON) or 60 (CBOR)", MediaTypeRegistry.TEXT_PLAIN);
        }
    }
}
