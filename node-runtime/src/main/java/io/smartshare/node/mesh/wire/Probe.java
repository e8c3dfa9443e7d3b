package io.smartshare.node.mesh.wire;

import java.nio.ByteBuffer;

/**
 * A unicast liveness question or answer between neighbours: header, flags (bit 0: "answer
 * me"; other bits 0). A node sends a question to a neighbour it has not heard for two
 * heartbeat intervals; the neighbour answers at once. Like a heartbeat it is unsigned and
 * only proves that the link address is alive.
 *
 * @param answerRequested true for the question, false for the answer
 */
public record Probe(boolean answerRequested) implements Frame {
    /** Encoded size in bytes. */
    public static final int SIZE = 2;
    static final int ANSWER_REQUESTED = 0x01;

    @Override
    public void writeTo(ByteBuffer out) {
        out.put(FrameType.PROBE.header()).put((byte) (answerRequested ? ANSWER_REQUESTED : 0));
    }

    @Override
    public int size() {
        return SIZE;
    }
}
