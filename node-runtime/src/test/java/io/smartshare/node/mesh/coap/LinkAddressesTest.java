package io.smartshare.node.mesh.coap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.node.mesh.link.LinkAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class LinkAddressesTest {
    @Test
    void ipv4RoundTrips() {
        InetSocketAddress socket = LinkAddresses.toSocket(new LinkAddress("10.201.77.3:5683"));
        assertEquals(new InetSocketAddress("10.201.77.3", 5683), socket);
        assertEquals(new LinkAddress("10.201.77.3:5683"), LinkAddresses.of(socket));
    }

    @Test
    void ipv6IsBracketed() {
        LinkAddress address = LinkAddresses.of(new InetSocketAddress("::1", 5683));
        assertTrue(address.value().startsWith("[") && address.value().endsWith("]:5683"), address.value());
        assertEquals(5683, LinkAddresses.toSocket(address).getPort());
    }

    @Test
    void namesAndMissingPortsAreRefusedWithoutLookingAnythingUp() {
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> LinkAddresses.toSocket(new LinkAddress("gateway.example:5683")));
        assertTrue(name.getMessage().contains("literal IP"), name.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LinkAddresses.toSocket(new LinkAddress("10.0.0.1")));
        assertThrows(IllegalArgumentException.class, () -> LinkAddresses.toSocket(new LinkAddress("10.0.0.1:x")));
        assertThrows(IllegalArgumentException.class, () -> CoapMeshOptions.parsePeer("ble:02:00:00:00:00:01"));
    }
}
