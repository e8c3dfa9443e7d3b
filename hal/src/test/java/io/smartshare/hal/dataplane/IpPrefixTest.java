package io.smartshare.hal.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IpPrefixTest {
    @Test
    void parsesNumericPrefixesOnlyAndPrintsThemAsIpAndWgTakeThem() {
        assertEquals("10.99.5.0/24", IpPrefix.parse("10.99.5.0/24").toString());
        assertEquals("10.99.5.1/32", IpPrefix.parse("10.99.5.1").toString());
        assertEquals("fd12:3456:0:0:0:0:0:0/48", IpPrefix.parse("fd12:3456::/48").toString());
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("example.org/24"));
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("10.0.0.0/33"));
    }

    @Test
    void aNetworkHasNoHostBitsAndContainsWhatLiesInsideIt() {
        assertTrue(IpPrefix.parse("10.99.5.0/24").isNetwork());
        assertFalse(IpPrefix.parse("10.99.5.1/24").isNetwork());
        assertTrue(IpPrefix.parse("0.0.0.0/0").isNetwork());
        assertFalse(IpPrefix.parse("fd12:3456::1/48").isNetwork());

        IpPrefix lan = IpPrefix.parse("10.99.0.0/16");
        assertTrue(lan.contains(IpPrefix.parse("10.99.5.0/24")));
        assertTrue(lan.contains(lan));
        assertFalse(lan.contains(IpPrefix.parse("10.98.5.0/24")));
        assertFalse(lan.contains(IpPrefix.parse("10.0.0.0/8")), "a wider prefix is not inside");
        assertFalse(lan.contains(IpPrefix.parse("fd00::/8")), "nor another family");
        assertTrue(IpPrefix.parse("10.0.0.0/8").overlaps(lan));
        assertTrue(lan.overlaps(IpPrefix.parse("10.0.0.0/8")));
        assertFalse(lan.overlaps(IpPrefix.parse("192.168.0.0/16")));
        assertTrue(IpPrefix.parse("::/0").contains(IpPrefix.parse("fd12:3456::/48")));
    }
}
