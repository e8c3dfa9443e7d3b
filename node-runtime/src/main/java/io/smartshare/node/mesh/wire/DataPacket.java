package io.smartshare.node.mesh.wire;

import io.smartshare.ledger.identity.NodeId;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An application payload routed hop by hop. Layout: header, hop limit u8 (RFC 8768
 * semantics: decremented by every relay, dropped when it would reach 0), source id (26),
 * destination id (26), payload. Over CoAP the hop limit travels in the Hop-Limit option
 * (number 16) instead; the value and rules are the same.
 *
 * @param hopLimit 1..255
 * @param source the originating node
 * @param destination the final node
 * @param payload the application bytes (a copy is kept), at most {@link #MAX_PAYLOAD}
 */
public record DataPacket(int hopLimit, NodeId source, NodeId destination, byte[] payload) implements Frame {
    /** Largest payload carried in one frame; larger bodies go block-wise over CoAP. */
    public static final int MAX_PAYLOAD = 1024;
    static final int HEADER_SIZE = 2 + 2 * NodeIds.WIRE_LENGTH;

    public DataPacket {
        if (hopLimit < 1 || hopLimit > 255) {
            throw new IllegalArgumentException("hop limit: expected 1..255, found " + hopLimit);
        }
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("data payload: expected at most " + MAX_PAYLOAD + " bytes, found " + payload.length);
        }
        payload = payload.clone();
    }

    /** This packet as the next hop receives it: hop limit one lower. */
    public DataPacket relayed() {
        return new DataPacket(hopLimit - 1, source, destination, payload);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public void writeTo(ByteBuffer out) {
        out.put(FrameType.DATA.header()).put((byte) hopLimit);
        NodeIds.put(out, source);
        NodeIds.put(out, destination);
        out.put(payload);
    }

    @Override
    public int size() {
        return HEADER_SIZE + payload.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataPacket d && hopLimit == d.hopLimit && source.equals(d.source)
                && destination.equals(d.destination) && Arrays.equals(payload, d.payload);
    }

    @Override
    public int hashCode() {
        return 31 * destination.hashCode() + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "DataPacket[hopLimit=" + hopLimit + ", source=" + source + ", destination=" + destination
                + ", payloadBytes=" + payload.length + "]";
    }
}
