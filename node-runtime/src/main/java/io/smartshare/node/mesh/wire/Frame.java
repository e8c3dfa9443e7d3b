package io.smartshare.node.mesh.wire;

import java.nio.ByteBuffer;

/**
 * One mesh datagram, as specified in docs/mesh-protocol.md. Every frame starts with one
 * header byte: protocol version in the high nibble, frame type in the low nibble.
 */
public sealed interface Frame permits Hello, Heartbeat, Registration, RepairRequest, DataPacket, RefreshRequest, Probe,
        KeyOffer, Sealed {
    /** Protocol version carried in the high nibble of the header byte. */
    int VERSION = 2;

    /** The encoded size of this frame in bytes. */
    int size();

    /** Writes the encoded frame ({@link #size()} bytes) at the buffer's position. */
    void writeTo(ByteBuffer out);
}
