package io.smartshare.node.mesh.sim;

/**
 * How every simulated link behaves: independent loss per datagram and direction, and a
 * one-way delay of {@code delayMillis} plus uniform jitter. Confirmable messages follow RFC
 * 7252: first timeout ACK_TIMEOUT * [1, 1.5), doubled per retransmission, MAX_RETRANSMIT
 * retransmissions.
 *
 * @param loss probability in [0, 1) that a datagram is lost
 * @param delayMillis fixed one-way delay
 * @param jitterMillis extra uniform delay in [0, jitter]
 * @param ackTimeoutMillis CoAP ACK_TIMEOUT (2 s)
 * @param maxRetransmit CoAP MAX_RETRANSMIT (4)
 */
public record LinkModel(double loss, long delayMillis, long jitterMillis, long ackTimeoutMillis, int maxRetransmit) {
    public LinkModel {
        if (loss < 0 || loss >= 1) {
            throw new IllegalArgumentException("loss: expected [0, 1), found " + loss);
        }
    }

    /** CoAP defaults with the given loss, 5-10 ms per hop. */
    public static LinkModel withLoss(double loss) {
        return new LinkModel(loss, 5, 5, 2_000, 4);
    }
}
