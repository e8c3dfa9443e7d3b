package io.smartshare.hal.driver.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.hal.dataplane.DataPlaneException;
import io.smartshare.hal.dataplane.IpPrefix;
import io.smartshare.hal.dataplane.PeerTransfer;
import io.smartshare.hal.dataplane.Tunnel;
import io.smartshare.hal.dataplane.TunnelPeer;
import io.smartshare.hal.dataplane.WireGuardKey;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands the linux data plane runs, against a recording stand-in for the tools. */
class LinuxDataPlaneTest {
    private static final Path NO_PROC = Path.of("/nonexistent/proc");
    private static final Path NO_SYS = Path.of("/nonexistent/sys");
    /** No control sockets: counters are read with {@code wg show}. */
    private static final Path NO_RUN = Path.of("/nonexistent/run/wireguard");
    private static final byte[] PRIVATE = new byte[32];
    private static final WireGuardKey PEER = WireGuardKey.of(filled(7));

    static {
        Arrays.fill(PRIVATE, (byte) 3);
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    /** Records every command and its input; answers as {@code answers} says (exit 0 by default). */
    private static final class Recorder implements Commands {
        final List<String> lines = new ArrayList<>();
        final List<byte[]> inputs = new ArrayList<>();
        final Function<String, Result> answers;

        Recorder(Function<String, Result> answers) {
            this.answers = answers;
        }

        @Override
        public Result run(List<String> command, byte[] stdin) {
            String line = String.join(" ", command);
            lines.add(line);
            inputs.add(stdin);
            return answers.apply(line);
        }
    }

    private static Commands.Result ok(String stdout) {
        return new Commands.Result(0, stdout, "");
    }

    @Test
    void withoutKernelWireGuardItRunsWireguardGoAndGivesThePrivateKeyOnStandardInputOnly() throws Exception {
        Recorder tools = new Recorder(line -> line.endsWith("type wireguard")
                ? new Commands.Result(2, "", "Error: Unknown device type.") : ok(""));
        Tunnel tunnel = new LinuxDataPlane(tools, NO_PROC, NO_SYS, NO_RUN).openTunnel("ss-a1", PRIVATE, 51900,
                List.of(IpPrefix.parse("10.210.0.1/32")));

        assertEquals(List.of("ip link add dev ss-a1 type wireguard", "wireguard-go ss-a1",
                "wg set ss-a1 private-key /dev/stdin listen-port 51900", "ip address add 10.210.0.1/32 dev ss-a1",
                "ip link set dev ss-a1 up"), tools.lines);
        String key = Base64.getEncoder().encodeToString(PRIVATE);
        assertEquals(key + "\n", new String(tools.inputs.get(2), StandardCharsets.US_ASCII));
        assertFalse(tools.lines.stream().anyMatch(l -> l.contains(key)), "the private key is on no command line");
        assertEquals("ss-a1", tunnel.name());
    }

    @Test
    void aFailedStepNamesTheCommandAndWhatItSaidAndRemovesTheHalfMadeInterface() {
        Recorder tools = new Recorder(line -> line.startsWith("ip address add")
                ? new Commands.Result(2, "", "RTNETLINK answers: Permission denied\nmore") : ok(""));
        DataPlaneException error = assertThrows(DataPlaneException.class, () -> new LinuxDataPlane(tools, NO_PROC, NO_SYS, NO_RUN)
                .openTunnel("ss-a1", PRIVATE, 51900, List.of(IpPrefix.parse("10.210.0.1/32"))));
        assertEquals("`ip address add 10.210.0.1/32 dev ss-a1` failed (exit 2): RTNETLINK answers: Permission denied",
                error.getMessage());
        assertEquals("ip link del dev ss-a1", tools.lines.get(tools.lines.size() - 1));
    }

    @Test
    void withNoWireGuardAtAllTheErrorSaysWhatBothWaysSaid() {
        Recorder tools = new Recorder(line -> line.startsWith("wireguard-go")
                ? new Commands.Result(1, "", "ERROR: (ss-a1) Failed to create TUN device: no such file")
                : new Commands.Result(2, "", "Error: Unknown device type."));
        DataPlaneException error = assertThrows(DataPlaneException.class,
                () -> new LinuxDataPlane(tools, NO_PROC, NO_SYS, NO_RUN).openTunnel("ss-a1", PRIVATE, 51900, List.of()));
        assertTrue(error.getMessage().contains("Unknown device type")
                && error.getMessage().contains("Failed to create TUN device"), error.getMessage());
    }

    @Test
    void namesThatAreNotSafeInACommandAreRefusedBeforeAnythingRuns() {
        Recorder tools = new Recorder(line -> ok(""));
        assertThrows(DataPlaneException.class,
                () -> new LinuxDataPlane(tools, NO_PROC, NO_SYS, NO_RUN).openTunnel("a;rm -rf", PRIVATE, 51900, List.of()));
        assertTrue(tools.lines.isEmpty());
    }

    @Test
    void peersRoutesAndCountersAreSetAndReadWithWgAndIp() throws Exception {
        String other = WireGuardKey.of(filled(9)).toString();
        Recorder tools = new Recorder(line -> line.equals("wg show ss-a1 transfer")
                ? ok(PEER + "\t348\t404\n" + other + "\t0\t0\n")
                : line.startsWith("ip route del") ? new Commands.Result(2, "", "RTNETLINK answers: No such process")
                : ok(""));
        LinuxDataPlane plane = new LinuxDataPlane(tools, NO_PROC, NO_SYS, NO_RUN);
        Tunnel tunnel = plane.openTunnel("ss-a1", PRIVATE, 51900, List.of());
        tunnel.setPeer(new TunnelPeer(PEER, Optional.of(new InetSocketAddress("fd00::2", 51902)),
                List.of(IpPrefix.parse("10.210.0.2/32"), IpPrefix.parse("fd5a::2/128")), 25));
        tunnel.setPeer(new TunnelPeer(PEER, Optional.empty(), List.of(), 0));
        plane.setRoute(IpPrefix.parse("10.210.0.0/24"), "ss-a1");
        plane.removeRoute(IpPrefix.parse("10.210.0.0/24"), "ss-a1");
        plane.setRoute(IpPrefix.parse("0.0.0.0/0"), "ss-a1");
        Map<WireGuardKey, PeerTransfer> transfer = tunnel.transfer();
        tunnel.removePeer(PEER);
        tunnel.close();

        assertEquals(List.of("wg set ss-a1 peer " + PEER + " endpoint [fd00:0:0:0:0:0:0:2]:51902 allowed-ips "
                        + "10.210.0.2/32,fd5a:0:0:0:0:0:0:2/128 persistent-keepalive 25",
                "wg set ss-a1 peer " + PEER + " allowed-ips  persistent-keepalive off",
                "ip route replace 10.210.0.0/24 dev ss-a1", "ip route del 10.210.0.0/24 dev ss-a1",
                "ip route replace 0.0.0.0/0 dev ss-a1 metric 1024",
                "wg show ss-a1 transfer", "wg set ss-a1 peer " + PEER + " remove", "ip link del dev ss-a1"),
                tools.lines.subList(3, tools.lines.size())); // after add (the kernel has WireGuard here), key, up
        assertEquals(new PeerTransfer(348, 404), transfer.get(PEER));
        assertEquals(2, transfer.size());
    }

    @Test
    void leftoversOfACrashedNodeAreFoundByTheirPrefixAndDeleted() throws Exception {
        Recorder tools = new Recorder(line -> line.equals("ip -o link show") ? ok("""
                1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN
                2: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP
                7: ss-a1: <POINTOPOINT,MULTICAST,NOARP,UP,LOWER_UP> mtu 1420 qdisc fq_codel state UNKNOWN
                8: ss-b2: <POINTOPOINT,MULTICAST,NOARP> mtu 1420 qdisc noop state DOWN
                """) : ok(""));
        assertEquals(List.of("ss-a1", "ss-b2"), new LinuxDataPlane(tools, NO_PROC, NO_SYS, NO_RUN).removeInterfaces("ss-"));
        assertEquals(List.of("ip -o link show", "ip link del dev ss-a1", "ip link del dev ss-b2",
                "nft list tables inet"), tools.lines);
    }

    @Test
    void aCrashedGatewaysNatTableIsDeletedWithItsInterface() throws Exception {
        Recorder tools = new Recorder(line -> line.equals("ip -o link show") ? ok("")
                : line.equals("nft list tables inet") ? ok("table inet filter\ntable inet ss-a1\n") : ok(""));
        new LinuxDataPlane(tools, NO_PROC, NO_SYS, NO_RUN).removeInterfaces("ss-");
        assertEquals(List.of("ip -o link show", "nft list tables inet", "nft delete table inet ss-a1"), tools.lines);
    }

    @Test
    void aGatewayMasqueradesOnlyWhatCameInThroughItsTunnelAndDropsTheRulesWhenItCloses() throws Exception {
        Recorder tools = new Recorder(line -> ok(""));
        LinuxDataPlane plane = new LinuxDataPlane(tools, NO_PROC, NO_SYS, NO_RUN);
        Tunnel tunnel = plane.openTunnel("ss-a1", PRIVATE, 51900, List.of());
        plane.setMasquerade("ss-a1", true);
        String rules = new String(tools.inputs.get(tools.lines.size() - 1), StandardCharsets.US_ASCII);
        assertEquals("nft -f -", tools.lines.get(tools.lines.size() - 1));
        assertTrue(rules.contains("iifname \"ss-a1\" meta mark set 21331"), rules);
        assertTrue(rules.contains("meta mark 21331 oifname != \"ss-a1\" masquerade"), rules);
        assertTrue(rules.contains("iifname != \"ss-a1\" oifname \"ss-a1\" ct state != { established, related } drop"),
                rules);
        tunnel.close();
        assertEquals(List.of("nft delete table inet ss-a1", "ip link del dev ss-a1"),
                tools.lines.subList(tools.lines.size() - 2, tools.lines.size()));
        assertThrows(DataPlaneException.class, () -> plane.setMasquerade("a;b", true), "names are checked");
    }

    @Test
    void aCutNeighboursTrafficIsDroppedBothWaysByFamilyAndTheCutIsLiftedAndGoesWithTheTunnel() throws Exception {
        Recorder tools = new Recorder(line -> ok(""));
        LinuxDataPlane plane = new LinuxDataPlane(tools, NO_PROC, NO_SYS, NO_RUN);
        Tunnel tunnel = plane.openTunnel("ss-a1", PRIVATE, 51900, List.of());
        plane.setCut("ss-a1", List.of(IpPrefix.parse("10.99.5.0/24"), IpPrefix.parse("fd73:7368:6172:0:1:2:3:4/128"),
                IpPrefix.parse("100.81.39.242/32")));
        String rules = new String(tools.inputs.get(tools.inputs.size() - 1), StandardCharsets.US_ASCII);
        assertTrue(rules.startsWith("table inet ss-a1-cut {"), rules);
        assertTrue(rules.contains("iifname \"ss-a1\" ip saddr { 10.99.5.0/24, 100.81.39.242/32 } drop"), rules);
        assertTrue(rules.contains("oifname \"ss-a1\" ip daddr { 10.99.5.0/24, 100.81.39.242/32 } drop"), rules);
        assertTrue(rules.contains("iifname \"ss-a1\" ip6 saddr { fd73:7368:6172:0:1:2:3:4/128 } drop"), rules);
        plane.setCut("ss-a1", List.of());
        assertEquals("nft delete table inet ss-a1-cut", tools.lines.get(tools.lines.size() - 1), "the cut is lifted");
        plane.setCut("ss-a1", List.of(IpPrefix.parse("10.99.5.0/24")));
        tunnel.close();
        assertEquals(List.of("nft delete table inet ss-a1-cut", "ip link del dev ss-a1"),
                tools.lines.subList(tools.lines.size() - 2, tools.lines.size()));
    }

    @Test
    void sharingIsCappedInAllAndPerNeighbourCountingEachPacketOnce() throws Exception {
        Recorder tools = new Recorder(line -> ok(""));
        LinuxDataPlane plane = new LinuxDataPlane(tools, NO_PROC, NO_SYS, NO_RUN);
        Tunnel tunnel = plane.openTunnel("ss-a1", PRIVATE, 51900, List.of());
        plane.setCaps("ss-a1", 0, 0, List.of());
        assertEquals("ip link set dev ss-a1 up", tools.lines.get(tools.lines.size() - 1), "no caps, no rules");
        plane.setCaps("ss-a1", 8000, 800, List.of(List.of(IpPrefix.parse("10.99.5.0/24"),
                IpPrefix.parse("fd73:7368:6172:0:1:2:3:4/128"))));
        String rules = new String(tools.inputs.get(tools.inputs.size() - 1), StandardCharsets.US_ASCII);
        assertTrue(rules.contains("limit total { rate over 1000 kbytes/second burst 100 kbytes }"), rules);
        assertTrue(rules.contains("limit n0 { rate over 100 kbytes/second burst 16 kbytes }"), rules);
        assertTrue(rules.contains("iifname \"ss-a1\" limit name \"total\" drop"), rules);
        assertTrue(rules.contains("oifname \"ss-a1\" iifname != \"ss-a1\" limit name \"total\" drop"), rules);
        assertTrue(rules.contains("iifname \"ss-a1\" ip saddr { 10.99.5.0/24 } limit name \"n0\" drop"), rules);
        assertTrue(rules.contains("oifname \"ss-a1\" ip6 daddr { fd73:7368:6172:0:1:2:3:4/128 } limit name \"n0\" drop"),
                rules);
        tunnel.close();
        assertTrue(tools.lines.contains("nft delete table inet ss-a1-cap"), "the caps go with the tunnel");
    }

    @Test
    void theUplinkIsADefaultRouteThroughAnotherInterfaceThatIsUp(@TempDir Path root) throws Exception {
        Path proc = root.resolve("proc");
        Path sys = root.resolve("sys");
        Files.createDirectories(proc.resolve("net"));
        for (String dev : List.of("up0", "wan1", "ss-a1")) {
            Files.createDirectories(sys.resolve("class/net").resolve(dev));
        }
        Files.writeString(sys.resolve("class/net/up0/operstate"), "up\n");
        Files.writeString(sys.resolve("class/net/wan1/operstate"), "down\n");
        Files.writeString(sys.resolve("class/net/ss-a1/operstate"), "unknown\n");
        String header = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n";
        Path routes = proc.resolve("net/route");
        LinuxDataPlane plane = new LinuxDataPlane(new Recorder(line -> ok("")), proc, sys, NO_RUN);

        Files.writeString(routes, header + "up0\t00000000\t017100CB\t0003\t0\t0\t0\t00000000\t0\t0\t0\n");
        assertTrue(plane.uplinkUp("ss-a1"));
        Files.writeString(routes, header + "ss-a1\t00000000\t00000000\t0001\t0\t0\t1024\t00000000\t0\t0\t0\n"
                + "up0\t007100CB\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n");
        assertFalse(plane.uplinkUp("ss-a1"), "the tunnel's own default route and a subnet route are no uplink");
        Files.writeString(routes, header + "wan1\t00000000\t017100CB\t0003\t0\t0\t0\t00000000\t0\t0\t0\n");
        assertFalse(plane.uplinkUp("ss-a1"), "a default route through an interface that is down is no uplink");
        DataPlaneException missing = assertThrows(DataPlaneException.class,
                () -> new LinuxDataPlane(new Recorder(line -> ok("")), NO_PROC, sys, NO_RUN).uplinkUp("ss-a1"));
        assertTrue(missing.getMessage().contains("net/route"), missing.getMessage());
    }

    @Test
    void forwardingIsTurnedOnInProcSys(@TempDir Path proc) throws Exception {
        Path procSys = proc.resolve("sys");
        Files.createDirectories(procSys.resolve("net/ipv4"));
        Files.createDirectories(procSys.resolve("net/ipv6/conf/all"));
        Files.writeString(procSys.resolve("net/ipv4/ip_forward"), "0\n");
        Files.writeString(procSys.resolve("net/ipv6/conf/all/forwarding"), "1\n");
        new LinuxDataPlane(new Recorder(line -> ok("")), proc, NO_SYS, NO_RUN).enableForwarding();
        assertEquals("1\n", Files.readString(procSys.resolve("net/ipv4/ip_forward")));
        assertEquals("1\n", Files.readString(procSys.resolve("net/ipv6/conf/all/forwarding")));
        DataPlaneException missing = assertThrows(DataPlaneException.class,
                () -> new LinuxDataPlane(new Recorder(line -> ok("")), NO_PROC, NO_SYS, NO_RUN).enableForwarding());
        assertTrue(missing.getMessage().contains("cannot turn on forwarding"), missing.getMessage());
    }
}
