package io.smartshare.node.mesh;

import io.smartshare.node.mesh.link.Delivery;
import io.smartshare.node.mesh.link.LinkAddress;
import java.util.function.Consumer;

/**
 * What the mesh needs from a link: one-hop datagrams. Implemented over CoAP/UDP multicast
 * and unicast (Californium), over BLE advertisements, and by the simulator's medium.
 *
 * <p>Frames arriving from the link are handed to {@link MeshNode#onFrame}. Implementations
 * must not block the caller; they may drop frames (the mesh tolerates loss).
 */
public interface MeshTransport {
    /** Sends {@code frame} once to every neighbour in range (CoAP NON to the All-CoAP-Nodes groups). */
    void multicast(byte[] frame);

    /** Sends {@code frame} once to one neighbour, unacknowledged (CoAP NON). */
    void unicast(LinkAddress to, byte[] frame);

    /**
     * Sends {@code frame} to one neighbour with acknowledgement and retransmission (CoAP CON,
     * RFC 7252 timing) and reports the outcome exactly once, from any thread.
     */
    void confirmable(LinkAddress to, byte[] frame, Consumer<Delivery> outcome);
}
