package io.smartshare.node.mesh.coap;

import io.smartshare.node.mesh.MeshTransport;
import io.smartshare.node.mesh.link.Delivery;
import io.smartshare.node.mesh.link.LinkAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.core.network.stack.ReliabilityLayerParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mesh's link over CoAP/UDP (docs/mesh-protocol.md, "CoAP transport"): every frame is
 * the payload of a POST to {@code /mh}. Broadcasts go as NON with No-Response to the
 * All-CoAP-Nodes group(s) of the mesh interface and to each configured peer; unicasts as NON
 * with No-Response (both with an empty token and no Content-Format: a heartbeat is 13 CoAP
 * bytes); confirmable frames as CON with the mesh's own, faster retransmission
 * timing, whose outcome is reported once. Frames leave from the node's {@code coap://}
 * endpoint, so a neighbour's link address is the address its requests come from.
 */
final class CoapMeshTransport implements MeshTransport {
    private static final Logger LOG = LoggerFactory.getLogger(CoapMeshTransport.class);

    private final Endpoint endpoint;
    private final List<InetSocketAddress> broadcastTargets;
    private final ReliabilityLayerParameters reliability;
    private final TransportCounters counters;

    /**
     * @param endpoint the node's {@code coap://} endpoint
     * @param broadcastTargets where {@link #multicast} sends: groups and configured peers
     * @param reliability CON timing for mesh frames
     */
    CoapMeshTransport(Endpoint endpoint, List<InetSocketAddress> broadcastTargets,
            ReliabilityLayerParameters reliability, TransportCounters counters) {
        this.endpoint = endpoint;
        this.broadcastTargets = List.copyOf(broadcastTargets);
        this.reliability = reliability;
        this.counters = counters;
    }

    @Override
    public void multicast(byte[] frame) {
        broadcastTargets.forEach(target -> sendNon(target, frame));
    }

    @Override
    public void unicast(LinkAddress to, byte[] frame) {
        sendNon(LinkAddresses.toSocket(to), frame);
    }

    @Override
    public void confirmable(LinkAddress to, byte[] frame, Consumer<Delivery> outcome) {
        Request request = FrameRequests.con(LinkAddresses.toSocket(to), frame);
        request.setReliabilityLayerParameters(reliability);
        request.addMessageObserver(new ConfirmableObserver(request, outcome));
        endpoint.sendRequest(request);
    }

    private void sendNon(InetSocketAddress to, byte[] frame) {
        Request request = FrameRequests.non(to, frame);
        // Nothing answers (No-Response): end the exchange once sent instead of keeping it for its lifetime.
        request.addMessageObserver(new MessageObserverAdapter() {
            @Override
            public void onSent(boolean retransmission) {
                counters.frameSent(request.getBytes().length);
                request.cancel();
            }

            @Override
            public void onSendError(Throwable error) {
                sendFailed(to, error);
            }
        });
        endpoint.sendRequest(request);
    }

    private void sendFailed(InetSocketAddress to, Throwable error) {
        counters.sendFailed();
        LOG.debug("event=mesh_send_failed to={} error=\"{}\"", to, error.toString());
    }

    /** Turns Californium's callbacks for one CON into exactly one {@link Delivery}. */
    private final class ConfirmableObserver extends MessageObserverAdapter {
        private final Request request;
        private final Consumer<Delivery> outcome;
        private final AtomicInteger sends = new AtomicInteger();
        private final AtomicBoolean reported = new AtomicBoolean();

        ConfirmableObserver(Request request, Consumer<Delivery> outcome) {
            this.request = request;
            this.outcome = outcome;
        }

        @Override
        public void onSent(boolean retransmission) {
            sends.incrementAndGet();
            counters.frameSent(request.getBytes().length);
        }

        @Override
        public void onAcknowledgement() {
            report(new Delivery.Acknowledged(Math.max(1, sends.get())));
        }

        @Override
        public void onResponse(Response response) {
            report(new Delivery.Acknowledged(Math.max(1, sends.get())));
        }

        @Override
        public void onTimeout() {
            report(new Delivery.TimedOut(Math.max(1, sends.get())));
        }

        @Override
        public void onReject() {
            report(new Delivery.TimedOut(Math.max(1, sends.get())));
        }

        @Override
        public void onCancel() {
            report(new Delivery.TimedOut(Math.max(1, sends.get())));
        }

        @Override
        public void onSendError(Throwable error) {
            sendFailed(request.getDestinationContext().getPeerAddress(), error);
            report(new Delivery.TimedOut(Math.max(1, sends.get())));
        }

        private void report(Delivery delivery) {
            if (reported.compareAndSet(false, true)) {
                outcome.accept(delivery);
            }
        }
    }
}
