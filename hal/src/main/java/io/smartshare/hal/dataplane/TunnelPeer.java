package io.smartshare.hal.dataplane;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One peer of a tunnel: a neighbour's WireGuard key, where it is reached, and which
 * addresses may come from it and go to it through the tunnel.
 *
 * @param key the peer's public key
 * @param endpoint where its WireGuard listens; empty until it has sent to us
 * @param allowedIps the prefixes routed to it and accepted from it (WireGuard's cryptokey routing)
 * @param keepaliveSeconds persistent keepalive, 0 for none
 */
public record TunnelPeer(WireGuardKey key, Optional<InetSocketAddress> endpoint, List<IpPrefix> allowedIps,
        int keepaliveSeconds) {
    public TunnelPeer {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(endpoint, "endpoint");
        allowedIps = List.copyOf(allowedIps);
        if (keepaliveSeconds < 0 || keepaliveSeconds > 65_535) {
            throw new IllegalArgumentException("keepalive: expected 0..65535 s, found " + keepaliveSeconds);
        }
    }
}
