package io.smartshare.node.mesh.coap;

/**
 * What a mesh frame costs in CoAP bytes on the daemon's transport (docs/mesh-protocol.md,
 * "Control traffic"): the definition of the mesh's control traffic, UDP and IP headers
 * excluded. The simulator counts with these; {@code CoapFrameBytesTest} checks them against
 * Californium's encoding of the transport's own requests.
 */
public final class CoapFrameBytes {
    /** CoAP header 4, no token, Uri-Path "mh" 3, No-Response 3, payload marker 1. */
    public static final int NON_OVERHEAD = 11;
    /** CoAP header 4, token 8, Uri-Path "mh" 3, payload marker 1. */
    public static final int CON_OVERHEAD = 16;
    /** The 2.04 piggybacked on the ACK of a confirmable frame: header 4, token 8. */
    public static final int ACK = 12;

    private CoapFrameBytes() {
    }

    /** CoAP bytes of a frame of {@code frameBytes} sent NON (broadcast or unicast). */
    public static int non(int frameBytes) {
        return NON_OVERHEAD + frameBytes;
    }

    /** CoAP bytes of one transmission of a frame of {@code frameBytes} sent CON. */
    public static int con(int frameBytes) {
        return CON_OVERHEAD + frameBytes;
    }
}
