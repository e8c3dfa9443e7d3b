package io.smartshare.node.rewards;

import io.smartshare.contracts.receipt.SignedReceipt;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.coap.NodeKeys;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Talks to provider neighbours over {@code coap://} from the node's own endpoint (so the
 * provider sees the neighbour's mesh address): asks a neighbour for its public key ({@code
 * GET /node}, CBOR) and posts receipts ({@code POST /receipts}). Both are asynchronous.
 */
final class ReceiptPoster {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptPoster.class);

    private final Endpoint endpoint;

    ReceiptPoster(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** Asks {@code neighbor} at {@code address} for its key; {@code learn} gets it if it matches the node id. */
    void fetchKey(NodeId neighbor, InetSocketAddress address, Consumer<Ed25519PublicKey> learn) {
        Request request = Request.newGet();
        request.setDestinationContext(new AddressEndpointContext(address));
        request.getOptions().addUriPath("node").setAccept(MediaTypeRegistry.APPLICATION_CBOR);
        request.addMessageObserver(new MessageObserverAdapter() {
            @Override
            public void onResponse(Response response) {
                Optional<Ed25519PublicKey> key = response.isSuccess() ? NodeKeys.of(response.getPayload(), neighbor)
                        : Optional.empty();
                if (key.isPresent()) {
                    learn.accept(key.get());
                } else {
                    LOG.warn("event=neighbor-key-unusable neighbor={} address={} code={}", neighbor, address,
                            response.getCode());
                }
            }
        });
        endpoint.sendRequest(request);
    }

    /**
     * Sends {@code receipt} to its provider at {@code address} and logs the answer; {@code
     * done} is told whether the provider answered (accepted or refused) or the post was lost.
     */
    void post(SignedReceipt receipt, InetSocketAddress address, Consumer<Boolean> done) {
        Request request = Request.newPost();
        request.setDestinationContext(new AddressEndpointContext(address));
        request.getOptions().addUriPath("receipts").setContentFormat(MediaTypeRegistry.APPLICATION_CBOR);
        request.setPayload(receipt.encode());
        String provider = NodeId.of(receipt.claim().provider()).value();
        request.addMessageObserver(new MessageObserverAdapter() {
            @Override
            public void onResponse(Response response) {
                if (response.isSuccess()) {
                    LOG.info("event=receipt-sent provider={} resource={} amount={}", provider,
                            receipt.claim().resource(), receipt.claim().amount());
                } else {
                    LOG.warn("event=receipt-refused provider={} resource={} amount={} code={} reason=\"{}\"", provider,
                            receipt.claim().resource(), receipt.claim().amount(), response.getCode(),
                            response.getPayloadString());
                }
                done.accept(true);
            }

            @Override
            public void onTimeout() {
                lost("timeout");
            }

            @Override
            public void onSendError(Throwable error) {
                lost(error.toString());
            }

            @Override
            public void onReject() {
                lost("rejected by the provider's CoAP layer");
            }

            private void lost(String why) {
                LOG.info("event=receipt-unanswered provider={} resource={} reason=\"{}\" next=\"resent next round\"",
                        provider, receipt.claim().resource(), why);
                done.accept(false);
            }
        });
        endpoint.sendRequest(request);
    }
}
