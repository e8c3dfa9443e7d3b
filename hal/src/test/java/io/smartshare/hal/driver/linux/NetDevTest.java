package io.smartshare.hal.driver.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NetDevTest {
    @Test
    void readsThisMachinesCapturedFile() {
        NetDev dev = NetDev.parse(Samples.proc("net-dev-debian-vm.txt"));
        assertEquals(List.of("lo", "ifb0", "ifb1", "eth0"), List.copyOf(dev.counters().keySet()));
        assertEquals(new NetDev.Counters(31188125, 213085), dev.counters().get("eth0"));
        assertEquals(new NetDev.Counters(31176, 31176), dev.counters().get("lo"));
        assertEquals(0, dev.garbageLines());
        assertEquals(Set.of(), dev.unreadable());
    }

    @Test
    void readsAnOpenWrtRouterWithLongNamesAndCountersAbove32Bits() {
        NetDev dev = NetDev.parse(Samples.proc("net-dev-openwrt-mt3000.txt"));
        assertEquals(List.of("lo", "eth0", "eth1", "br-lan", "phy0-ap0", "phy1-ap0"), List.copyOf(dev.counters().keySet()));
        assertEquals(new NetDev.Counters(9817733051L, 1523390814L), dev.counters().get("eth0"));
        assertEquals(new NetDev.Counters(387002610L, 1022870114L), dev.counters().get("phy1-ap0"));
    }

    @Test
    void readsARaspberryPi() {
        NetDev dev = NetDev.parse(Samples.proc("net-dev-raspberry-pi-4b.txt"));
        assertEquals(new NetDev.Counters(3301290, 812004), dev.counters().get("wlan0"));
    }

    @Test
    void readsOldKernelsWithoutASpaceAfterTheColon() {
        NetDev dev = NetDev.parse(Samples.proc("net-dev-linux-2.6-no-space.txt"));
        assertEquals(new NetDev.Counters(4294967000L, 77000), dev.counters().get("eth0"));
        assertEquals(new NetDev.Counters(1200, 1200), dev.counters().get("lo"));
    }

    @Test
    void sortsGarbageFromUnreadableInterfacesAndKeepsTheGoodLines() {
        NetDev dev = NetDev.parse(Samples.proc("net-dev-garbage.txt"));
        assertEquals(List.of("lo", "eth0"), List.copyOf(dev.counters().keySet()));
        assertEquals(new NetDev.Counters(31188125, 213085), dev.counters().get("eth0"));
        // wlan0 has a word among its counters, eth1 is cut short, usb0 is negative,
        // eth2's transmit count does not fit 64 bits.
        assertEquals(Set.of("wlan0", "eth1", "usb0", "eth2"), dev.unreadable());
        assertEquals(2, dev.garbageLines());
    }

    @Test
    void keepsTheLargest64BitValueAsUnsigned() {
        NetDev dev = NetDev.parse("  eth0: 18446744073709551615 1 0 0 0 0 0 0 5 1 0 0 0 0 0 0\n");
        assertEquals(-1L, dev.counters().get("eth0").rxBytes());
        assertEquals("18446744073709551615", Long.toUnsignedString(dev.counters().get("eth0").rxBytes()));
    }
}
