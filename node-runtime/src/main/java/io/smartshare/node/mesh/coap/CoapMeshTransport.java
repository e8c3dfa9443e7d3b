package io.smartshare.node.mesh.coap;

import io.smartshare.node.mesh.Delivery;
import io.smartshare.node.mesh.LinkAddress;
import io.smartshare.node.mesh.MeshTransport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.NoResponseOption;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.UDPConnector;
import org.eclipse.californium.elements.UdpMulticastConnector;
import org.eclipse.californium.elements.config.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MeshTransport} over CoAP/UDP with Californium (docs/mesh-protocol.md, "Mapping to
 * CoAP"): every frame is the payload of a POST to {@code /mh}. Multicast and unicast sends
 * are NON with No-Response (RFC 7967) so nobody answers them; confirmable sends are CON and
 * report how many transmissions Californium needed, or its timeout.
 *
 * <p>One UDP socket sends and receives unicast; a multicast receiver joins the
 * All-CoAP-Nodes groups on one interface and shares the endpoint. Received frames go to the
 * receiver given to {@link #start}, from Californium's threads.
 */
public final class CoapMeshTransport implements MeshTransport, AutoCloseable {
    /** The resource every mesh frame is posted to. */
    public static final String PATH = "mh";
    private static final Logger LOG = LoggerFactory.getLogger(CoapMeshTransport.class);

    private final CoapServer server;
    private final CoapEndpoint endpoint;
    private final List<InetSocketAddress> groups;
    private volatile BiConsumer<LinkAddress, byte[]> receiver = (from, frame) -> { };

    /**
     * @param config Californium configuration (CoapConfig and UdpConfig registered)
     * @param unicast address and port of the node's own socket (port 0 picks one)
     * @param groupPort the port the groups are addressed on (5683 in production)
     * @param meshInterface the interface to join the groups on
     * @param groupAddresses e.g. {@link CoAP#MULTICAST_IPV4} and {@link CoAP#MULTICAST_IPV6_LINKLOCAL}
     */
    public CoapMeshTransport(Configuration config, InetSocketAddress unicast, int groupPort, NetworkInterface meshInterface,
                             List<InetAddress> groupAddresses) {
        UDPConnector connector = new UDPConnector(unicast, config);
        for (InetAddress group : groupAddresses) {
            connector.addMulticastReceiver(new UdpMulticastConnector.Builder()
                    .setLocalAddress(group, groupPort)
                    .addMulticastGroup(group, meshInterface)
                    .setMulticastReceiver(true)
                    .setConfiguration(config)
                    .build());
        }
        this.endpoint = new CoapEndpoint.Builder().setConfiguration(config).setConnector(connector).build();
        this.server = new CoapServer(config);
        this.server.addEndpoint(endpoint);
        this.server.add(new FrameResource());
        this.groups = groupAddresses.stream().map(g -> new InetSocketAddress(g, groupPort)).toList();
    }

    /** Starts receiving; frames and their senders go to {@code frames} (e.g. {@code meshNode::onFrame}). */
    public void start(BiConsumer<LinkAddress, byte[]> frames) {
        this.receiver = frames;
        server.start();
        LOG.info("event=mesh_transport_started local={} groups={}", endpoint.getAddress(), groups);
    }

    /** The socket address actually bound. */
    public InetSocketAddress localAddress() {
        return endpoint.getAddress();
    }

    @Override
    public void multicast(byte[] frame) {
        for (InetSocketAddress group : groups) {
            endpoint.sendRequest(request(CoAP.Type.NON, group, frame));
        }
    }

    @Override
    public void unicast(LinkAddress to, byte[] frame) {
        endpoint.sendRequest(request(CoAP.Type.NON, LinkAddresses.toSocket(to), frame));
    }

    @Override
    public void confirmable(LinkAddress to, byte[] frame, Consumer<Delivery> outcome) {
        Request request = request(CoAP.Type.CON, LinkAddresses.toSocket(to), frame);
        request.addMessageObserver(new OutcomeObserver(outcome));
        endpoint.sendRequest(request);
    }

    @Override
    public void close() {
        server.destroy();
    }

    private static Request request(CoAP.Type type, InetSocketAddress destination, byte[] frame) {
        Request request = new Request(CoAP.Code.POST, type);
        request.setDestinationContext(new AddressEndpointContext(destination));
        request.getOptions().setUriPath(PATH);
        if (type == CoAP.Type.NON) {
            request.getOptions().setNoResponse(NoResponseOption.SUPPRESS_ALL);
        }
        request.setPayload(frame);
        return request;
    }

    /** Receives frames. */
    private final class FrameResource extends CoapResource {
        FrameResource() {
            super(PATH);
            setVisible(false);
        }

        @Override
        public void handlePOST(CoapExchange exchange) {
            receiver.accept(LinkAddresses.of(exchange.getSourceSocketAddress()), exchange.getRequestPayload());
            exchange.respond(CoAP.ResponseCode.CHANGED);
        }
    }

    /** Turns Californium's callbacks for one CON request into exactly one {@link Delivery}. */
    private static final class OutcomeObserver extends MessageObserverAdapter {
        private final Consumer<Delivery> outcome;
        private final AtomicInteger retransmissions = new AtomicInteger();
        private final AtomicBoolean reported = new AtomicBoolean();

        OutcomeObserver(Consumer<Delivery> outcome) {
            this.outcome = outcome;
        }

        @Override
        public void onRetransmission() {
            retransmissions.incrementAndGet();
        }

        @Override
        public void onAcknowledgement() {
            report(true);
        }

        @Override
        public void onResponse(Response response) {
            report(true);
        }

        @Override
        public void onTimeout() {
            report(false);
        }

        @Override
        public void onReject() {
            report(false);
        }

        @Override
        public void onCancel() {
            report(false);
        }

        @Override
        public void onSendError(Throwable error) {
            report(false);
        }

        private void report(boolean acknowledged) {
            if (reported.compareAndSet(false, true)) {
                int sent = retransmissions.get() + 1;
                outcome.accept(acknowledged ? new Delivery.Acknowledged(sent) : new Delivery.TimedOut(sent));
            }
        }
    }
}
