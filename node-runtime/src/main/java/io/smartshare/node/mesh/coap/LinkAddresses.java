package io.smartshare.node.mesh.coap;

import io.smartshare.node.mesh.link.LinkAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** {@link LinkAddress}es of UDP peers: {@code 10.0.0.2:5683}, {@code [fe80::1%eth0]:5683}. */
final class LinkAddresses {
    private LinkAddresses() {
    }

    static LinkAddress of(InetSocketAddress socket) {
        String host = socket.getAddress().getHostAddress();
        return new LinkAddress((host.contains(":") ? "[" + host + "]" : host) + ":" + socket.getPort());
    }

    static InetSocketAddress toSocket(LinkAddress address) {
        String value = address.value();
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("link address: expected host:port, found '" + value + "'");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (!host.contains(":") && !host.matches("[0-9.]+")) {
            throw new IllegalArgumentException("link address: expected a literal IP, found '" + value + "'");
        }
        try {
            // a literal address: no name lookup happens
            return new InetSocketAddress(InetAddress.getByName(host), Integer.parseInt(value.substring(colon + 1)));
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("link address: expected a literal IP and a port, found '" + value + "'", e);
        }
    }
}
