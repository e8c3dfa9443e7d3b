package io.smartshare.node.mesh.coap;

import io.smartshare.node.mesh.link.LinkAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * How a node's mesh reaches its neighbours over CoAP/UDP.
 *
 * @param interfaceName the network interface whose All-CoAP-Nodes group the node joins and
 *     sends hellos to (224.0.1.187 when the interface has an IPv4 address, else ff02::fd);
 *     empty: no group traffic at all, only {@code peers}
 * @param groupPort the UDP port of group traffic; 5683, the CoAP default
 * @param peers neighbours to send every broadcast frame to by unicast as well, for links that
 *     filter multicast (and, with no interface, the only neighbours); numeric addresses
 * @param uplinkKbps the capacity of the uplink this node shares; present makes it a gateway
 * @param maxNeighbors the neighbour table's size (from the board's mesh section)
 */
public record CoapMeshOptions(Optional<String> interfaceName, int groupPort, List<InetSocketAddress> peers,
        Optional<Long> uplinkKbps, int maxNeighbors) {
    /** The All-CoAP-Nodes port (RFC 7252 section 12.8). */
    public static final int DEFAULT_GROUP_PORT = 5683;

    public CoapMeshOptions {
        peers = List.copyOf(peers);
        if (groupPort < 1 || groupPort > 65535) {
            throw new IllegalArgumentException("mesh group port: expected 1..65535, found " + groupPort);
        }
        if (uplinkKbps.isPresent() && uplinkKbps.get() < 1) {
            throw new IllegalArgumentException("uplink: expected at least 1 kbit/s, found " + uplinkKbps.get());
        }
        if (maxNeighbors < 1) {
            throw new IllegalArgumentException("max neighbours: expected at least 1, found " + maxNeighbors);
        }
    }

    /**
     * Parses a peer given as numeric {@code host:port} ({@code 10.201.1.2:5683}, {@code
     * [fe80::1%eth0]:5683}); names are not resolved.
     *
     * @throws IllegalArgumentException naming the text, if it is not one
     */
    public static InetSocketAddress parsePeer(String text) {
        return LinkAddresses.toSocket(new LinkAddress(text));
    }
}
