package io.smartshare.node.mesh.coap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.node.mesh.LinkAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class UdpLinkAddressesTest {
    @Test
    void ipv4RoundTrips() {
        InetSocketAddress socket = UdpLinkAddresses.socket(new LinkAddress("10.201.77.3:5683"));
        assertEquals(new InetSocketAddress("10.201.77.3", 5683), socket);
        assertEquals(new LinkAddress("10.201.77.3:5683"), UdpLinkAddresses.of(socket));
    }

    @Test
    void ipv6IsBracketed() {
        LinkAddress address = UdpLinkAddresses.of(new InetSocketAddress("::1", 5683));
        assertTrue(address.value().startsWith("[") && address.value().endsWith("]:5683"), address.value());
        assertEquals(5683, UdpLinkAddresses.socket(address).getPort());
    }

    @Test
    void namesAndMissingPortsAreRefusedWithoutLookingAnythingUp() {
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> UdpLinkAddresses.socket(new LinkAddress("gateway.example:5683")));
        assertTrue(name.getMessage().contains("numeric host"), name.getMessage());
        assertThrows(IllegalArgumentException.class, () -> UdpLinkAddresses.socket(new LinkAddress("10.0.0.1")));
        assertThrows(IllegalArgumentException.class, () -> UdpLinkAddresses.socket(new LinkAddress("10.0.0.1:x")));
        assertThrows(IllegalArgumentException.class, () -> CoapMeshOptions.parsePeer("ble:02:00:00:00:00:01"));
    }
}
