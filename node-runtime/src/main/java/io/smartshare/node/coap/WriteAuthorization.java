package io.smartshare.node.coap;

import io.smartshare.node.config.NodeConfig;
import io.smartshare.node.config.PskIdentity;
import java.security.Principal;
import java.util.Optional;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;

/**
 * Decides whether a request may change state: only over {@code coaps://} (a DTLS peer
 * identity is present), and only by a PSK identity the operator marked
 * {@code may-write-config}: {@code /config}, the operator's channel commands, and requests
 * this node originates into the mesh relay (which it pays for). Plain
 * {@code coap://} gets 4.01, another identity 4.03.
 */
public final class WriteAuthorization {
    private final NodeConfig config;

    public WriteAuthorization(NodeConfig config) {
        this.config = config;
    }

    /** The outcome: the writer's identity, or the response that refuses the request. */
    public record Decision(String identity, Optional<Refusal> refusal) {
    }

    /** A refusal: the response code and the diagnostic payload. */
    public record Refusal(ResponseCode code, String diagnostic) {
    }

    public Decision decide(CoapExchange exchange) {
        return decide(exchange.advanced().getRequest());
    }

    /** Whether {@code request} came over {@code coaps://} from an identity that may change the node. */
    public boolean permits(Request request) {
        return decide(request).refusal().isEmpty();
    }

    private Decision decide(Request request) {
        Principal peer = request.getSourceContext().getPeerIdentity();
        if (!(peer instanceof PreSharedKeyIdentity psk)) {
            return new Decision("", Optional.of(new Refusal(ResponseCode.UNAUTHORIZED,
                    "changes need coaps:// with an authorised PSK identity")));
        }
        String identity = psk.getIdentity();
        boolean allowed = config.pskIdentity(identity).map(PskIdentity::mayWriteConfig).orElse(false);
        if (!allowed) {
            return new Decision(identity, Optional.of(new Refusal(ResponseCode.FORBIDDEN,
                    "identity '" + identity + "' may not change the node (may-write-config is not set)")));
        }
        return new Decision(identity, Optional.empty());
    }
}
