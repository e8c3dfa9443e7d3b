package io.smartshare.node.mesh.wire;

import io.smartshare.ledger.identity.IdentityException;
import io.smartshare.ledger.identity.NodeId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Node ids on the wire: the 26 base32 characters after the constant "ss" prefix, ASCII. */
final class NodeIds {
    static final int WIRE_LENGTH = 26;

    private NodeIds() {
    }

    static void put(ByteBuffer out, NodeId id) {
        out.put(id.value().substring(2).getBytes(StandardCharsets.US_ASCII));
    }

    static NodeId get(ByteBuffer in, String field) throws MalformedFrameException {
        byte[] chars = new byte[WIRE_LENGTH];
        in.get(chars);
        String value = "ss" + new String(chars, StandardCharsets.US_ASCII);
        try {
            return new NodeId(value);
        } catch (IdentityException e) {
            throw new MalformedFrameException(field + ": " + e.getMessage());
        }
    }
}
