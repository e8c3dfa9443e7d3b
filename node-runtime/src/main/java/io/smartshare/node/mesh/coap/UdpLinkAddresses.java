package io.smartshare.node.mesh.coap;

import io.smartshare.node.mesh.LinkAddress;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Link addresses of the CoAP/UDP transport: {@code 10.201.1.3:5683} for IPv4, {@code
 * [fe80::1%eth0]:5683} for IPv6. Only numeric addresses: nothing here resolves names.
 */
final class UdpLinkAddresses {
    private UdpLinkAddresses() {
    }

    static LinkAddress of(InetSocketAddress socket) {
        InetAddress ip = socket.getAddress();
        String host = ip instanceof Inet6Address ? "[" + ip.getHostAddress() + "]" : ip.getHostAddress();
        return new LinkAddress(host + ":" + socket.getPort());
    }

    /**
     * The socket address a link address names.
     *
     * @throws IllegalArgumentException if it is not a numeric {@code host:port} this transport made
     */
    static InetSocketAddress socket(LinkAddress address) {
        String text = address.value();
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("udp link address: expected host:port, found '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        boolean ipv6 = host.contains(":") && host.matches("[0-9A-Fa-f:.]+(%[\\w.-]+)?");
        if (!(ipv6 || host.matches("\\d{1,3}(\\.\\d{1,3}){3}"))) {
            throw new IllegalArgumentException("udp link address: expected a numeric host, found '" + text + "'");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (NumberFormatException | UnknownHostException e) {
            throw new IllegalArgumentException("udp link address: cannot parse '" + text + "': " + e.getMessage(), e);
        }
    }
}
