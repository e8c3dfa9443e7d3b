package io.smartshare.node.mesh.forwarding;

/**
 * Relay service between this node and one neighbour, in the direction of the service
 * (docs/contracts.md §2): {@code upBytes} carried from the consumer towards the target,
 * {@code downBytes} carried back to the consumer. The mesh counts payload bytes of relayed
 * CoAP exchanges; the uplink counts the tunnel's bytes (docs/uplink.md). Immutable.
 *
 * @param upBytes bytes carried up
 * @param downBytes bytes carried down
 * @param exchanges number of CoAP exchanges counted (0 for tunnel traffic)
 */
public record Carriage(long upBytes, long downBytes, long exchanges) {
    /** Nothing carried. */
    public static final Carriage ZERO = new Carriage(0, 0, 0);

    Carriage plus(int up, int down) {
        return new Carriage(upBytes + up, downBytes + down, exchanges + 1);
    }

    /** Both added. */
    public Carriage plus(Carriage other) {
        return new Carriage(Math.addExact(upBytes, other.upBytes), Math.addExact(downBytes, other.downBytes),
                Math.addExact(exchanges, other.exchanges));
    }
}
