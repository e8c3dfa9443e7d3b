package io.smartshare.node.mesh.coap;

import java.net.InetSocketAddress;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.NoResponseOption;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.elements.AddressEndpointContext;

/**
 * The CoAP requests that carry mesh frames: POST {@code /mh}, the frame as payload, no
 * Content-Format ({@code /mh} takes frames only). Their sizes are {@link CoapFrameBytes}.
 */
final class FrameRequests {
    private FrameRequests() {
    }

    /**
     * A NON request with No-Response (suppress all) and an empty token: nothing answers it, so
     * nothing has to be matched.
     */
    static Request non(InetSocketAddress to, byte[] frame) {
        Request request = post(Type.NON, to, frame);
        request.setToken(Token.EMPTY);
        request.getOptions().setNoResponse(new NoResponseOption(NoResponseOption.SUPPRESS_ALL));
        return request;
    }

    /** A CON request; the endpoint gives it a token to match the acknowledgement. */
    static Request con(InetSocketAddress to, byte[] frame) {
        return post(Type.CON, to, frame);
    }

    private static Request post(Type type, InetSocketAddress to, byte[] frame) {
        Request request = new Request(Code.POST, type);
        request.setDestinationContext(new AddressEndpointContext(to));
        request.getOptions().setUriPath(MeshFrameResource.NAME);
        request.setPayload(frame);
        return request;
    }
}
