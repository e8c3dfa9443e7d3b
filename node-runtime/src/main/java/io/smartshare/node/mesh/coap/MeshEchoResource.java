package io.smartshare.node.mesh.coap;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * {@code POST /mesh/echo}: answers 2.05 with the request's payload and content format. A
 * mesh ping: {@code POST /mesh/relay/<node-id>/mesh/echo} checks a path end to end, and
 * large bodies exercise block-wise transfer at every hop. Changes no state.
 */
final class MeshEchoResource extends CoapResource {
    MeshEchoResource() {
        super("echo");
        getAttributes().addResourceType("smartshare.mesh.echo");
    }

    @Override
    public void handlePOST(CoapExchange exchange) {
        int format = exchange.getRequestOptions().getContentFormat();
        exchange.respond(ResponseCode.CONTENT, exchange.getRequestPayload(),
                format == MediaTypeRegistry.UNDEFINED ? MediaTypeRegistry.APPLICATION_OCTET_STREAM : format);
    }
}
