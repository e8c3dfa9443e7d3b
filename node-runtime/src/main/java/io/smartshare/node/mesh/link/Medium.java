package io.smartshare.node.mesh.link;

/**
 * The kind of link a {@link LinkAddress} is on. A neighbour has at most one link per medium;
 * traffic to it goes over the first live one in this order (IP is faster and carries
 * application requests; BLE is the fallback).
 */
public enum Medium {
    /** CoAP/UDP over IP ({@code host:port}), and the simulator's medium ({@code sim:N}). */
    IP,
    /** Bluetooth Low Energy ({@code ble:AA:BB:CC:DD:EE:FF}). */
    BLE
}
