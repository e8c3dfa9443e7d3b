package io.smartshare.node.lifecycle;

/**
 * Thrown by {@link NodeService#start} when the service learns from what the services before
 * it provide that it has nothing to do on this node (the MQTT service publishing from gateways
 * only, on a node the mesh does not make a gateway). Not a failure: the service is stopped and
 * listed {@code off} with the reason, and so is every later service that needs it.
 */
public final class ServiceOffException extends Exception {
    private static final long serialVersionUID = 1L;

    public ServiceOffException(String reason) {
        super(reason);
    }
}
