package io.smartshare.node.health;

/**
 * The state of one part of the node (a driver, an endpoint, the ledger), for {@code /health}.
 *
 * @param component short name, e.g. {@code coap}, {@code ble}
 * @param state up, degraded (works with less) or down
 * @param reason why, for an operator; empty when up
 */
public record ComponentHealth(String component, State state, String reason) {
    /** How well a component works. */
    public enum State {
        UP, DEGRADED, DOWN;

        /** Lower case, as served. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static ComponentHealth up(String component) {
        return new ComponentHealth(component, State.UP, "");
    }
}
