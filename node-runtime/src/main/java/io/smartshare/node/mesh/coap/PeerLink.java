package io.smartshare.node.mesh.coap;

import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.coap.BodyPieces;
import io.smartshare.node.coap.NodeKeys;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.elements.AddressEndpointContext;

/**
 * A service's CoAP requests to another mesh member (a storage holder, a compute provider),
 * from the node's own {@code coap://} endpoint: straight to the member when it is a live mesh
 * neighbour, otherwise to {@code /mesh/relay/<member>/…} of the next hop of the mesh's route
 * to it. Bodies beyond one CoAP block travel block-wise. The blocking calls are for a
 * service's own worker threads only; {@link #send} and {@link #sendAsync} do not wait.
 */
public final class PeerLink {
    /** How long one request may take, retransmissions and block-wise transfer included. */
    static final long ANSWER_TIMEOUT_MILLIS = 15_000;

    /** A request the member refused, or that found no answer ({@code code} empty). */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Optional<ResponseCode> code;

        public Failure(Optional<ResponseCode> code, String message) {
            super(message);
            this.code = code;
        }

        public Optional<ResponseCode> code() {
            return code;
        }

        /** True if the member answered: the refusal is final, not a lost request. */
        public boolean answered() {
            return code.isPresent();
        }
    }

    private final Endpoint endpoint;
    private final Optional<NeighborAddresses> neighbors;

    public PeerLink(Endpoint endpoint, Optional<NeighborAddresses> neighbors) {
        this.endpoint = endpoint;
        this.neighbors = neighbors;
    }

    /**
     * Sends {@code request} for {@code path} of {@code member} and waits for a success.
     *
     * @throws Failure with the member's code and diagnostic, or without a code if there was no
     *     route or no answer in time
     */
    public Response call(NodeId member, Request request, List<String> path) throws Failure {
        send(member, request, path);
        return await(member, request);
    }

    /**
     * Waits for the answer to {@code request}, sent to {@code member}, and returns it if it is
     * a success.
     *
     * @throws Failure as {@link #call} does
     */
    public Response await(NodeId member, Request request) throws Failure {
        Response response;
        try {
            response = request.waitForResponse(ANSWER_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request.cancel();
            throw new Failure(Optional.empty(), "interrupted while waiting for " + member);
        }
        if (response == null) {
            request.cancel();
            throw new Failure(Optional.empty(), member + " did not answer within " + ANSWER_TIMEOUT_MILLIS / 1000 + " s");
        }
        if (!response.isSuccess()) {
            throw new Failure(Optional.of(response.getCode()), member + " answered " + response.getCode() + " "
                    + response.getPayloadString());
        }
        return response;
    }

    /**
     * Reads a body served in pieces ({@link BodyPieces}): {@code GET path?query&from=N} from 0
     * until a piece is shorter than a whole one.
     *
     * @throws Failure as {@link #call} does, or if the body grows past {@code maxBytes}
     */
    public byte[] readPieces(NodeId member, List<String> path, String query, int accept, int maxBytes)
            throws Failure {
        return BodyPieces.read(from -> {
            Request read = Request.newGet();
            read.getOptions().setAccept(accept).addUriQuery(query).addUriQuery("from=" + from);
            return call(member, read, path).getPayload();
        }, maxBytes, () -> new Failure(Optional.empty(), member + " sent more than " + maxBytes + " bytes for /"
                + String.join("/", path)));
    }

    /**
     * The member's public key, from its {@code /node} (CBOR), checked against its node id.
     *
     * @throws Failure if it did not answer, or with a document that has no key of that id
     */
    public Ed25519PublicKey publicKey(NodeId member) throws Failure {
        Request request = Request.newGet();
        request.getOptions().setAccept(MediaTypeRegistry.APPLICATION_CBOR);
        Response response = call(member, request, List.of("node"));
        return NodeKeys.of(response.getPayload(), member).orElseThrow(() -> new Failure(Optional.of(response.getCode()),
                member + "'s /node is not a node document with a key of that node id"));
    }

    /** Sends {@code request} for {@code path} of {@code member}, without waiting. */
    public void send(NodeId member, Request request, List<String> path) throws Failure {
        NeighborAddresses.Route route = neighbors.flatMap(n -> n.routeTo(member)).orElseThrow(() -> new Failure(
                Optional.empty(), "no route to " + member + " in the mesh"));
        request.setDestinationContext(new AddressEndpointContext(route.address()));
        if (!route.direct()) {
            request.getOptions().addUriPath("mesh").addUriPath("relay").addUriPath(member.value());
        }
        path.forEach(request.getOptions()::addUriPath);
        endpoint.sendRequest(request);
    }

    /** Sends {@code request} and hands its response (or empty: timeout, error) to {@code answer} on the CoAP thread. */
    public void sendAsync(NodeId member, Request request, List<String> path, Consumer<Optional<Response>> answer) {
        request.addMessageObserver(new MessageObserverAdapter() {
            @Override
            public void onResponse(Response response) {
                answer.accept(Optional.of(response));
            }

            @Override
            protected void failed() {
                answer.accept(Optional.empty());
            }
        });
        try {
            send(member, request, path);
        } catch (Failure e) {
            answer.accept(Optional.empty());
        }
    }
}
