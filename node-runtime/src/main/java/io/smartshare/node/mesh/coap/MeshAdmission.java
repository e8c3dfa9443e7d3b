package io.smartshare.node.mesh.coap;

import io.smartshare.node.coap.WriteAuthorization;
import java.util.Optional;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;

/**
 * Who may use a service that mesh members offer each other (storage, compute): over {@code
 * coap://} a live mesh neighbour (requests relayed through the mesh arrive from one, and carry
 * their sender's signature), over {@code coaps://} an identity that may write.
 */
public final class MeshAdmission {
    private final Optional<NeighborAddresses> neighbors;
    private final WriteAuthorization writers;

    public MeshAdmission(Optional<NeighborAddresses> neighbors, WriteAuthorization writers) {
        this.neighbors = neighbors;
        this.writers = writers;
    }

    /** True if the request of {@code exchange} comes from a live neighbour or an identity that may write. */
    public boolean admits(CoapExchange exchange) {
        Request request = exchange.advanced().getRequest();
        boolean secure = request.getSourceContext().getPeerIdentity() instanceof PreSharedKeyIdentity;
        return secure ? writers.permits(request) : neighbors.flatMap(n -> n.neighborAt(exchange.getSourceSocketAddress()))
                .isPresent();
    }
}
