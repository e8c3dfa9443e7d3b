package io.smartshare.hal.dataplane;

/**
 * WireGuard's byte counters of one peer: what arrived from it and what was sent to it,
 * including WireGuard's own framing, since the tunnel came up. Only that peer's key can make
 * {@code rxBytes} grow (a packet counts once it decrypted).
 *
 * @param rxBytes bytes received from the peer
 * @param txBytes bytes sent to the peer
 */
public record PeerTransfer(long rxBytes, long txBytes) {
    public PeerTransfer {
        if (rxBytes < 0 || txBytes < 0) {
            throw new IllegalArgumentException("transfer counters cannot be negative: " + rxBytes + ", " + txBytes);
        }
    }
}
