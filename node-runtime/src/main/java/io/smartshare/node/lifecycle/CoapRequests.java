package io.smartshare.node.lifecycle;

/**
 * What services ask of the node's CoAP server while they {@linkplain NodeService#configure
 * configure}, since it is bound before any service starts.
 */
public final class CoapRequests {
    private boolean sharedPort;

    /**
     * Binds the {@code coap://} port with SO_REUSEADDR, so a multicast receiver (the mesh's
     * group membership) can bind it as well; a second process on the same port is then not refused.
     */
    public synchronized void shareCoapPort() {
        sharedPort = true;
    }

    /** Whether a service asked for {@link #shareCoapPort()}. */
    public synchronized boolean sharedPort() {
        return sharedPort;
    }
}
