package io.smartshare.node.storage;

import io.smartshare.contracts.storage.StorageTerms;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.mesh.coap.NeighborAddresses;
import java.util.ArrayList;
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
 * The owner's CoAP requests to a holder (docs/storage.md, "CoAP resources"), from the node's
 * own {@code coap://} endpoint: straight to the holder when it is a live mesh neighbour,
 * otherwise to {@code /mesh/relay/<holder>/…} of the next hop of the mesh's route to
 * it. Bodies beyond one CoAP block travel block-wise. The blocking calls are for the owner's
 * transfer thread only; {@link #send} is asynchronous.
 */
final class HolderLink implements Auditor.Challenger {
    /** How long one request may take, retransmissions and block-wise transfer included. */
    static final long ANSWER_TIMEOUT_MILLIS = 15_000;

    /** A request the holder refused, or that found no answer ({@code code} empty). */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Optional<ResponseCode> code;

        Failure(Optional<ResponseCode> code, String message) {
            super(message);
            this.code = code;
        }

        Optional<ResponseCode> code() {
            return code;
        }

        /** True if the holder answered: the refusal is final, not a lost request. */
        boolean answered() {
            return code.isPresent();
        }
    }

    private final Endpoint endpoint;
    private final Optional<NeighborAddresses> neighbors;

    HolderLink(Endpoint endpoint, Optional<NeighborAddresses> neighbors) {
        this.endpoint = endpoint;
        this.neighbors = neighbors;
    }

    /** {@code path} below {@code /storage}. */
    static List<String> storage(List<String> path) {
        List<String> full = new ArrayList<>(List.of("storage"));
        full.addAll(path);
        return full;
    }

    /**
     * Sends {@code request} for {@code path} of {@code holder} and waits for a success.
     *
     * @throws Failure with the holder's code and diagnostic, or without a code if there was no
     *     route or no answer in time
     */
    Response call(NodeId holder, Request request, List<String> path) throws Failure {
        send(holder, request, path);
        return await(holder, request);
    }

    /**
     * Waits for the answer to {@code request}, sent to {@code holder}, and returns it if it is
     * a success.
     *
     * @throws Failure as {@link #call} does
     */
    Response await(NodeId holder, Request request) throws Failure {
        Response response;
        try {
            response = request.waitForResponse(ANSWER_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request.cancel();
            throw new Failure(Optional.empty(), "interrupted while waiting for " + holder);
        }
        if (response == null) {
            request.cancel();
            throw new Failure(Optional.empty(), holder + " did not answer within " + ANSWER_TIMEOUT_MILLIS / 1000 + " s");
        }
        if (!response.isSuccess()) {
            throw new Failure(Optional.of(response.getCode()), holder + " answered " + response.getCode() + " "
                    + response.getPayloadString());
        }
        return response;
    }

    /** Sends {@code request} for {@code path} of {@code holder}, without waiting. */
    void send(NodeId holder, Request request, List<String> path) throws Failure {
        NeighborAddresses.Route route = neighbors.flatMap(n -> n.routeTo(holder)).orElseThrow(() -> new Failure(
                Optional.empty(), "no route to " + holder + " in the mesh"));
        request.setDestinationContext(new AddressEndpointContext(route.address()));
        if (!route.direct()) {
            request.getOptions().addUriPath("mesh").addUriPath("relay").addUriPath(holder.value());
        }
        path.forEach(request.getOptions()::addUriPath);
        endpoint.sendRequest(request);
    }

    /** A challenge: {@code POST /storage/<id>/audit} with the nonce. */
    @Override
    public void send(StorageTerms terms, byte[] nonce, Consumer<Optional<Response>> answer) {
        Request request = Request.newPost();
        request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_OCTET_STREAM);
        request.setPayload(nonce);
        sendAsync(NodeId.of(terms.holder()), request, storage(List.of(terms.idHex(), "audit")), answer);
    }

    /** Sends {@code request} and hands its response (or empty: timeout, error) to {@code answer} on the CoAP thread. */
    void sendAsync(NodeId holder, Request request, List<String> path, Consumer<Optional<Response>> answer) {
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
            send(holder, request, path);
        } catch (Failure e) {
            answer.accept(Optional.empty());
        }
    }
}
