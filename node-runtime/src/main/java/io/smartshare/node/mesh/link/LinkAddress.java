package io.smartshare.node.mesh.link;


/**
 * Where a neighbour can be reached on one transport, opaque to the mesh but for its {@link
 * #medium()}: {@code
 * "10.201.0.3:5683"} over CoAP/UDP, {@code "ble:AA:BB:CC:DD:EE:FF"} over BLE, {@code "sim:42"}
 * in the simulator. The transport that produced it knows how to parse it back.
 *
 * @param value non-blank
 */
public record LinkAddress(String value) {
    /** How every BLE link address starts. */
    public static final String BLE_PREFIX = "ble:";

    public LinkAddress {
        if (value.isBlank()) {
            throw new IllegalArgumentException("link address: expected a non-blank value");
        }
    }

    /** {@link Medium#BLE} for {@code ble:…}, else {@link Medium#IP}. */
    public Medium medium() {
        return value.startsWith(BLE_PREFIX) ? Medium.BLE : Medium.IP;
    }

    @Override
    public String toString() {
        return value;
    }
}
