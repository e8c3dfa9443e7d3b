package io.smartshare.hal.driver.linux;

import static io.smartshare.hal.board.LinkSpec.Role.LAN;
import static io.smartshare.hal.board.LinkSpec.Role.WAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smartshare.hal.board.LinkSpec;
import io.smartshare.hal.health.DriverState;
import io.smartshare.hal.meter.IpLink;
import io.smartshare.hal.meter.IpLinks;
import io.smartshare.hal.meter.MeterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LinuxLinks} on a fake /proc and /sys tree, driven through a sequence of kernel states. */
class LinuxLinksTest {
    private static final String HEADER = """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
            """;

    @TempDir
    Path root;
    private LinuxDriver driver;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(root.resolve("proc/net"));
        driver = new LinuxDriver(root.resolve("proc"), root.resolve("sys"));
    }

    private void kernel(String... lines) throws IOException {
        StringBuilder text = new StringBuilder(HEADER);
        for (String line : lines) {
            text.append(line).append('\n');
        }
        Files.writeString(root.resolve("proc/net/dev"), text);
    }

    private static String line(String name, long rx, long tx) {
        return String.format("%6s: %s 10 0 0 0 0 0 0 %s 10 0 0 0 0 0 0",
                name, Long.toUnsignedString(rx), Long.toUnsignedString(tx));
    }

    private void sys(String name, String operstate, String flags) throws IOException {
        Path dir = Files.createDirectories(root.resolve("sys/class/net/" + name));
        Files.writeString(dir.resolve("operstate"), operstate + "\n");
        Files.writeString(dir.resolve("flags"), flags + "\n");
    }

    @Test
    void metersTheRouterInterfacesTheBoardNamesWithTheirLinkState() throws IOException, MeterException {
        Files.writeString(root.resolve("proc/net/dev"), Samples.proc("net-dev-openwrt-mt3000.txt"));
        sys("eth0", "up", "0x1003");
        sys("br-lan", "up", "0x1003");
        sys("phy0-ap0", "down", "0x1002");
        IpLinks links = driver.links(List.of(new LinkSpec("eth0", LinkSpec.Role.WAN),
                new LinkSpec("br-lan", LinkSpec.Role.LAN), new LinkSpec("phy*-ap0", LinkSpec.Role.LAN)));
        assertEquals(List.of(
                new IpLink("eth0", WAN, true, 9817733051L, 1523390814L),
                new IpLink("br-lan", LAN, true, 1388210092L, 9772310440L),
                new IpLink("phy0-ap0", LAN, false, 110233861L, 266120331L),
                new IpLink("phy1-ap0", LAN, false, 387002610L, 1022870114L)), links.list());
        assertEquals(DriverState.UP, links.health().state());
    }

    @Test
    void unknownOperstateFallsBackToTheUpFlag() throws IOException, MeterException {
        kernel(line("lo", 5, 5), line("tun0", 7, 8));
        sys("lo", "unknown", "0x9");
        sys("tun0", "unknown", "0x1090");
        IpLinks links = driver.links(List.of(new LinkSpec("lo", LinkSpec.Role.LAN), new LinkSpec("tun0", LinkSpec.Role.WAN)));
        assertEquals(List.of(new IpLink("lo", LAN, true, 5, 5), new IpLink("tun0", WAN, false, 7, 8)), links.list());
    }

    @Test
    void loopbackIsMeteredOnlyWhenNamed() throws IOException, MeterException {
        kernel(line("lo", 5, 5), line("eth0", 1, 2));
        IpLinks links = driver.links(List.of(new LinkSpec("*", LinkSpec.Role.LAN)));
        assertEquals(List.of("eth0"), links.list().stream().map(IpLink::name).toList());
    }

    @Test
    void carriesA32BitCounterPastItsWrap() throws IOException, MeterException {
        IpLinks links = driver.links(List.of(new LinkSpec("wlan0", LinkSpec.Role.LAN)));
        kernel(line("wlan0", 4_294_967_000L, 100));
        assertEquals(4_294_967_000L, links.get("wlan0").orElseThrow().rxBytes());
        kernel(line("wlan0", 704, 150));
        IpLink after = links.get("wlan0").orElseThrow();
        assertEquals(4_294_967_296L + 704, after.rxBytes());
        assertEquals(150, after.txBytes());
    }

    @Test
    void carriesA64BitCounterPastItsWrap() throws IOException, MeterException {
        IpLinks links = driver.links(List.of(new LinkSpec("eth0", LinkSpec.Role.WAN)));
        kernel(line("eth0", 1000, -1000L));
        long before = links.get("eth0").orElseThrow().txBytes();
        kernel(line("eth0", 2000, 500));
        assertEquals(before + 1000 + 500, links.get("eth0").orElseThrow().txBytes());
    }

    @Test
    void vanishedInterfaceLeavesTheListAndCountsOnWhenItReturns() throws IOException, MeterException {
        IpLinks links = driver.links(List.of(new LinkSpec("eth0", LinkSpec.Role.WAN), new LinkSpec("usb0", LinkSpec.Role.LAN)));
        kernel(line("eth0", 10, 10), line("usb0", 5000, 6000));
        assertEquals(2, links.list().size());
        kernel(line("eth0", 20, 20));
        assertEquals(List.of("eth0"), links.list().stream().map(IpLink::name).toList());
        // Re-plugged: the kernel starts the new interface's counters from zero.
        kernel(line("eth0", 30, 30), line("usb0", 300, 400));
        assertEquals(new IpLink("usb0", LAN, false, 5300, 6400), links.get("usb0").orElseThrow());
    }

    @Test
    void garbledLineKeepsTheLastTotalsAndDegradesHealth() throws IOException, MeterException {
        IpLinks links = driver.links(List.of(new LinkSpec("eth0", LinkSpec.Role.WAN)));
        kernel(line("eth0", 10, 20));
        links.list();
        kernel("  eth0: 15 x 0");
        assertEquals(List.of(new IpLink("eth0", WAN, false, 10, 20)), links.list());
        assertEquals(DriverState.DEGRADED, links.health().state());
        kernel(line("eth0", 30, 40));
        assertEquals(new IpLink("eth0", WAN, false, 30, 40), links.get("eth0").orElseThrow());
        assertEquals(DriverState.UP, links.health().state());
    }

    @Test
    void missingProcFileIsAnErrorNamingItAndDegradesHealth() {
        IpLinks links = driver.links(List.of(new LinkSpec("eth0", LinkSpec.Role.WAN)));
        MeterException error = assertThrows(MeterException.class, links::list);
        assertEquals(true, error.getMessage().contains("net/dev"), error.getMessage());
        assertEquals(DriverState.DEGRADED, links.health().state());
    }
}
