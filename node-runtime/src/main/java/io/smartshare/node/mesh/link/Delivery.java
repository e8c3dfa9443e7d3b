package io.smartshare.node.mesh.link;

/**
 * The outcome of one confirmable (CoAP CON) transmission to a neighbour.
 */
public sealed interface Delivery {
    /** How many times the message was sent, retransmissions included (at least 1). */
    int transmissions();

    /** Acknowledged after {@code transmissions} sends. */
    record Acknowledged(int transmissions) implements Delivery {
        public Acknowledged {
            if (transmissions < 1) {
                throw new IllegalArgumentException("transmissions: expected at least 1, found " + transmissions);
            }
        }
    }

    /** Never acknowledged: retransmissions were exhausted after {@code transmissions} sends. */
    record TimedOut(int transmissions) implements Delivery {
        public TimedOut {
            if (transmissions < 1) {
                throw new IllegalArgumentException("transmissions: expected at least 1, found " + transmissions);
            }
        }
    }
}
