package io.smartshare.node.mesh.coap;

import io.smartshare.node.mesh.MeshNode;
import io.smartshare.node.mesh.wire.FrameCodec;
import io.smartshare.node.mesh.wire.KeyCache;
import io.smartshare.node.mesh.wire.MalformedFrameException;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /mh}: one mesh frame from a neighbour, handed to the node with the
 * sender's address as its link address. A payload that is not a well-formed frame gets 4.00
 * with the reason and changes nothing (it is counted as rejected); a well-formed one gets 2.04
 * (suppressed when the sender asked for No-Response), whatever the node then makes of it. The
 * 2.04 that acknowledges a confirmable frame counts as control traffic.
 */
final class MeshFrameResource extends CoapResource {
    /** The resource's name under the root: short, as it is in every mesh datagram. */
    static final String NAME = "mh";
    private static final Logger LOG = LoggerFactory.getLogger(MeshFrameResource.class);

    private final MeshNode node;
    private final TransportCounters counters;
    /** For the well-formedness check only; the node decodes again with its own cache. */
    private final KeyCache keys;

    MeshFrameResource(MeshNode node, TransportCounters counters, int maxNeighbors) {
        super(NAME);
        this.keys = new KeyCache(maxNeighbors);
        this.node = node;
        this.counters = counters;
        getAttributes().addResourceType("smartshare.mesh.frame");
        getAttributes().addContentType(MediaTypeRegistry.APPLICATION_OCTET_STREAM);
    }

    @Override
    public void handlePOST(CoapExchange exchange) {
        byte[] frame = exchange.getRequestPayload();
        try {
            synchronized (keys) {
                FrameCodec.decode(frame, keys);
            }
        } catch (MalformedFrameException e) {
            counters.frameRejected();
            LOG.debug("event=mesh_frame_rejected from={} reason=\"{}\"", exchange.getSourceSocketAddress(), e.getMessage());
            exchange.respond(ResponseCode.BAD_REQUEST, "mesh frame: " + e.getMessage(), MediaTypeRegistry.TEXT_PLAIN);
            return;
        }
        counters.frameReceived();
        node.onFrame(LinkAddresses.of(exchange.getSourceSocketAddress()), frame);
        Response changed = new Response(ResponseCode.CHANGED);
        if (exchange.advanced().getRequest().isConfirmable()) {
            changed.addMessageObserver(new MessageObserverAdapter() {
                @Override
                public void onSent(boolean retransmission) {
                    counters.ackSent(changed.getBytes().length);
                }
            });
        }
        exchange.respond(changed);
    }
}
