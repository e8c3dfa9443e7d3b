package io.smartshare.node.mesh.coap;

import io.smartshare.ledger.identity.IdentityException;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.coap.HopLimitOption;
import io.smartshare.node.mesh.MeshNode;
import io.smartshare.node.mesh.link.Delivery;
import io.smartshare.node.mesh.link.LinkAddress;
import io.smartshare.node.mesh.link.Medium;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.OptionSet;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.network.stack.ReliabilityLayerParameters;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /mesh/relay/<node-id>/<path>}: hop-by-hop forwarding of an application request
 * through the mesh (docs/mesh-protocol.md, "Forwarding CoAP requests").
 *
 * <p>At the target node the request is served by the resource at {@code <path>}. Elsewhere
 * it is re-sent as CON to the next hop the routing gives (a registered route down, else the
 * parent up) with the RFC 8768 Hop-Limit one lower (16 assumed when absent); a request that
 * arrives with Hop-Limit 1 is answered 5.02 "hop limit reached" (Californium 3.14 has no 5.08
 * code), one without a route 5.02 "no route", one whose next hop never answers 5.04. Bodies
 * larger than a block travel block-wise: Californium reassembles them at every hop. The
 * payload bytes of a request and of its response are counted in the node's relay meter when
 * both neighbours are mesh neighbours (a request from a local client is originated here,
 * not relayed). For receipts, an exchange answered with
 * anything but a 5.xx is also counted by the direction of service ({@link
 * MeshNode#recordCarriage}): carried for the upstream neighbour, and by the next hop unless
 * it is the target (docs/contracts.md §14).
 *
 * <p>Who may enter the relay (docs/mesh-protocol.md, "Who may relay"): a mesh neighbour, or a
 * request that {@code originators} accepts (the node's authorised {@code coaps://}
 * identities: the node pays for what they send); anyone else gets 4.01 and nothing is sent or
 * metered. Mesh frames ({@code /mh}) are never relayed (4.03): a frame counts only straight
 * from the link it claims. Every Hop-Limit is capped at {@link HopLimitOption#MESH_MAX},
 * whatever the client asked. While {@code sharing} is false (the operator's {@code
 * share-bandwidth} setting) requests from neighbours for other nodes are refused with 5.03;
 * the node's own requests and those for itself still pass. Refusals are counted as {@code
 * requests-relay-refused}.
 */
final class MeshRelayResource extends CoapResource {
    private static final Logger LOG = LoggerFactory.getLogger(MeshRelayResource.class);

    private final MeshNode node;
    private final Resource root;
    private final Endpoint endpoint;
    private final ReliabilityLayerParameters reliability;
    private final TransportCounters counters;
    private final Predicate<Request> originators;
    private final BooleanSupplier sharing;

    MeshRelayResource(MeshNode node, Resource root, Endpoint endpoint, ReliabilityLayerParameters reliability,
            TransportCounters counters, Predicate<Request> originators, BooleanSupplier sharing) {
        super("relay");
        this.node = node;
        this.root = root;
        this.endpoint = endpoint;
        this.reliability = reliability;
        this.counters = counters;
        this.originators = originators;
        this.sharing = sharing;
        getAttributes().addResourceType("smartshare.mesh.relay");
    }

    /** Every path below {@code /mesh/relay} is handled here. */
    @Override
    public Resource getChild(String name) {
        return this;
    }

    @Override
    public void handleRequest(Exchange exchange) {
        Request request = exchange.getRequest();
        List<String> path = request.getOptions().getUriPath();
        if (path.size() < 4) {
            refuse(exchange, ResponseCode.BAD_REQUEST, "expected /mesh/relay/<node-id>/<path>");
            return;
        }
        NodeId target;
        try {
            target = new NodeId(path.get(2));
        } catch (IdentityException | IllegalArgumentException e) {
            refuse(exchange, ResponseCode.BAD_REQUEST, "relay target: " + e.getMessage());
            return;
        }
        if (path.get(3).equals(MeshFrameResource.NAME)) {
            refuse(exchange, ResponseCode.FORBIDDEN, "mesh frames are not relayed: send them to the neighbour itself");
            return;
        }
        Optional<NodeId> upstream = node.neighborAt(LinkAddresses.of(request.getSourceContext().getPeerAddress()));
        if (upstream.isEmpty() && !originators.test(request)) {
            refuse(exchange, ResponseCode.UNAUTHORIZED,
                    "relaying needs a mesh neighbour or coaps:// with an identity that may write");
            return;
        }
        if (target.equals(node.id())) {
            serveLocally(exchange, path.subList(3, path.size()));
            return;
        }
        if (upstream.isPresent() && !sharing.getAsBoolean()) {
            refuse(exchange, ResponseCode.SERVICE_UNAVAILABLE,
                    "this node does not relay for neighbours (settings.share-bandwidth is false)");
            return;
        }
        int hopLimit = Math.min(HopLimitOption.MESH_MAX,
                HopLimitOption.of(request.getOptions()).orElse(HopLimitOption.DEFAULT));
        if (hopLimit <= 1) {
            reply(exchange, ResponseCode.BAD_GATEWAY, "hop limit reached at " + node.id());
            return;
        }
        Optional<LinkAddress> next = node.nextHop(target, Medium.IP);
        if (next.isEmpty()) {
            reply(exchange, ResponseCode.BAD_GATEWAY, "no route to " + target + " at " + node.id());
            return;
        }
        if (request.isConfirmable()) {
            exchange.sendAccept(); // the next hop may take a while: stop our sender's retransmissions
        }
        forward(exchange, upstream, next.get(), target, hopLimit - 1);
    }

    private void serveLocally(Exchange exchange, List<String> path) {
        Resource resource = root;
        for (String segment : path) {
            resource = resource.getChild(segment);
            if (resource == null || resource == this) {
                reply(exchange, ResponseCode.NOT_FOUND, "no resource /" + String.join("/", path) + " at " + node.id());
                return;
            }
        }
        resource.handleRequest(exchange);
    }

    private void forward(Exchange incoming, Optional<NodeId> upstream, LinkAddress next, NodeId target, int hopLimit) {
        Request in = incoming.getRequest();
        Request out = new Request(in.getCode(), Type.CON);
        out.setDestinationContext(new AddressEndpointContext(LinkAddresses.toSocket(next)));
        OptionSet options = out.getOptions();
        in.getOptions().getUriPath().forEach(options::addUriPath);
        in.getOptions().getUriQuery().forEach(options::addUriQuery);
        if (in.getOptions().hasContentFormat()) {
            options.setContentFormat(in.getOptions().getContentFormat());
        }
        if (in.getOptions().hasAccept()) {
            options.setAccept(in.getOptions().getAccept());
        }
        HopLimitOption.add(options, hopLimit);
        out.setPayload(in.getPayload());
        out.setReliabilityLayerParameters(reliability);
        Optional<NodeId> downstream = node.neighborAt(next);
        out.addMessageObserver(new MessageObserverAdapter() {
            /** Transmissions for the link's delivery ratio: one, plus each retransmission (not each block of a body). */
            private final AtomicInteger sends = new AtomicInteger(1);
            private final AtomicBoolean done = new AtomicBoolean();

            @Override
            public void onSent(boolean retransmission) {
                if (retransmission) {
                    sends.incrementAndGet();
                }
            }

            @Override
            public void onResponse(Response response) {
                if (!done.compareAndSet(false, true)) {
                    return;
                }
                counters.relayed(true);
                node.reportDelivery(next, new Delivery.Acknowledged(Math.max(1, sends.get())));
                if (upstream.isPresent() && downstream.isPresent()) {
                    node.recordRelay(upstream.get(), downstream.get(), in.getPayloadSize());
                    node.recordRelay(downstream.get(), upstream.get(), response.getPayloadSize());
                }
                if (downstream.isPresent() && !response.getCode().isServerError()) {
                    node.recordCarriage(upstream, downstream.get(), downstream.get().equals(target), in.getPayloadSize(),
                            response.getPayloadSize());
                }
                Response back = new Response(response.getCode());
                back.setPayload(response.getPayload());
                if (response.getOptions().hasContentFormat()) {
                    back.getOptions().setContentFormat(response.getOptions().getContentFormat());
                }
                incoming.sendResponse(back);
            }

            @Override
            public void onTimeout() {
                fail("next hop " + next + " did not answer");
            }

            @Override
            public void onSendError(Throwable error) {
                fail("cannot send to next hop " + next + ": " + error.getMessage());
            }

            @Override
            public void onReject() {
                fail("next hop " + next + " rejected the request");
            }

            private void fail(String why) {
                if (!done.compareAndSet(false, true)) {
                    return;
                }
                counters.relayed(false);
                node.reportDelivery(next, new Delivery.TimedOut(Math.max(1, sends.get())));
                LOG.debug("event=mesh_relay_failed node={} next={} reason=\"{}\"", node.id(), next, why);
                reply(incoming, ResponseCode.GATEWAY_TIMEOUT, why);
            }
        });
        endpoint.sendRequest(out);
    }

    private void refuse(Exchange exchange, ResponseCode code, String diagnostic) {
        counters.relayRefused();
        reply(exchange, code, diagnostic);
    }

    private static void reply(Exchange exchange, ResponseCode code, String diagnostic) {
        Response response = new Response(code);
        response.setPayload(diagnostic);
        response.getOptions().setContentFormat(MediaTypeRegistry.TEXT_PLAIN);
        exchange.sendResponse(response);
    }
}
