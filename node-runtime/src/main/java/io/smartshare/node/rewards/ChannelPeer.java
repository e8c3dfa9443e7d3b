package io.smartshare.node.rewards;

import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.coap.RequestException;
import io.smartshare.node.mesh.coap.NeighborAddresses;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.elements.AddressEndpointContext;

/**
 * Hands a channel document to the other party, a live mesh neighbour, over {@code coap://}
 * from the node's own endpoint (so the neighbour sees the sender's mesh address) and waits
 * for its answer. Called on the desk thread only: one exchange at a time.
 */
final class ChannelPeer implements ChannelOperator.Messenger {
    /** How long the other party has to answer (CoAP retransmissions included). */
    static final long ANSWER_TIMEOUT_MILLIS = 10_000;

    private final Endpoint endpoint;
    private final Optional<NeighborAddresses> neighbors;

    ChannelPeer(Endpoint endpoint, Optional<NeighborAddresses> neighbors) {
        this.endpoint = endpoint;
        this.neighbors = neighbors;
    }

    /**
     * Posts {@code payload} to {@code /channels/peer/<kind>} of {@code party}.
     *
     * @throws RequestException 5.03 if {@code party} is not a live mesh neighbour, 5.04 if it
     *     did not answer in time
     */
    @Override
    public ChannelOperator.Answer send(Ed25519PublicKey party, ChannelMessage kind, byte[] payload) {
        NodeId id = NodeId.of(party);
        InetSocketAddress address = neighbors.flatMap(n -> n.addressOf(id)).orElseThrow(() -> new RequestException(
                ResponseCode.SERVICE_UNAVAILABLE, id + " is not a live mesh neighbour of this node; channels run"
                        + " between neighbours"));
        Request request = Request.newPost();
        request.setDestinationContext(new AddressEndpointContext(address));
        request.getOptions().addUriPath("channels").addUriPath("peer").addUriPath(kind.path())
                .setContentFormat(MediaTypeRegistry.APPLICATION_CBOR);
        request.setPayload(payload);
        endpoint.sendRequest(request);
        Response response;
        try {
            response = request.waitForResponse(ANSWER_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request.cancel();
            throw new RequestException(ResponseCode.SERVICE_UNAVAILABLE, "interrupted while waiting for " + id);
        }
        if (response == null) {
            request.cancel();
            throw new RequestException(ResponseCode.GATEWAY_TIMEOUT, id + " did not answer the " + kind.document()
                    + " within " + ANSWER_TIMEOUT_MILLIS / 1000 + " s");
        }
        return new ChannelOperator.Answer(response.getCode(), response.getPayload());
    }
}
