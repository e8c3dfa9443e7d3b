package io.smartshare.node.mesh.forwarding;

/**
 * Payload bytes of relayed CoAP exchanges between this node and one neighbour, in the
 * direction of the service (docs/contracts.md §2): {@code upBytes} carried from the consumer
 * towards the target, {@code downBytes} carried back to the consumer. Immutable.
 *
 * @param upBytes request payload bytes
 * @param downBytes response payload bytes
 * @param exchanges number of exchanges counted
 */
public record Carriage(long upBytes, long downBytes, long exchanges) {
    /** Nothing carried. */
    public static final Carriage ZERO = new Carriage(0, 0, 0);

    Carriage plus(int up, int down) {
        return new Carriage(upBytes + up, downBytes + down, exchanges + 1);
    }
}
