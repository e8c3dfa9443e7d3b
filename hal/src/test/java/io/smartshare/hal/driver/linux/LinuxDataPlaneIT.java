package io.smartshare.hal.driver.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.smartshare.hal.dataplane.DataPlaneException;
import io.smartshare.hal.dataplane.IpPrefix;
import io.smartshare.hal.dataplane.PeerTransfer;
import io.smartshare.hal.dataplane.Tunnel;
import io.smartshare.hal.dataplane.TunnelPeer;
import io.smartshare.hal.dataplane.WireGuardKey;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The linux data plane against the real tools: two network namespaces joined by a veth pair,
 * a WireGuard tunnel between them made by {@link LinuxDataPlane} in each (the kernel's
 * WireGuard or {@code wireguard-go}), pings through it, and both sides' counters. Needs root,
 * {@code ip}, {@code wg}, {@code wireguard-go} and {@code ping} (scripts/test installs them);
 * skipped, saying so, without them. Removes its namespaces on every exit.
 */
class LinuxDataPlaneIT {
    private static final SystemCommands HOST = new SystemCommands(List.of());
    private static final Path WIREGUARD_RUN = Path.of("/var/run/wireguard");

    @Test
    void aTunnelBetweenTwoNamespacesCarriesPingsAndBothEndsCountTheSameBytes() throws Exception {
        assumeTrue(HOST.run(List.of("id", "-u"), new byte[0]).stdout().strip().equals("0"),
                "the data-plane test needs root for network namespaces; run mvn verify as root to include it");
        for (String tool : List.of("wg", "wireguard-go", "ping")) {
            assumeTrue(HOST.run(List.of("sh", "-c", "command -v " + tool), new byte[0]).ok(),
                    tool + " is missing: sudo scripts/test installs it");
        }
        String tag = HexFormat.of().formatHex(SecureRandom.getInstanceStrong().generateSeed(3));
        String nsA = "ssdp-" + tag + "-a";
        String nsB = "ssdp-" + tag + "-b";
        try {
            host("ip", "netns", "add", nsA);
            host("ip", "netns", "add", nsB);
            host("ip", "link", "add", "sv" + tag + "a", "netns", nsA, "type", "veth", "peer", "name", "sv" + tag + "b",
                    "netns", nsB);
            host("ip", "-n", nsA, "address", "add", "10.209.0.1/24", "dev", "sv" + tag + "a");
            host("ip", "-n", nsB, "address", "add", "10.209.0.2/24", "dev", "sv" + tag + "b");
            host("ip", "-n", nsA, "link", "set", "sv" + tag + "a", "up");
            host("ip", "-n", nsB, "link", "set", "sv" + tag + "b", "up");

            SystemCommands inA = new SystemCommands(List.of("ip", "netns", "exec", nsA));
            SystemCommands inB = new SystemCommands(List.of("ip", "netns", "exec", nsB));
            LinuxDataPlane a = new LinuxDataPlane(inA, Path.of("/proc"), Path.of("/sys"), WIREGUARD_RUN);
            LinuxDataPlane b = new LinuxDataPlane(inB, Path.of("/proc"), Path.of("/sys"), WIREGUARD_RUN);
            byte[] keyA = privateKey();
            byte[] keyB = privateKey();
            WireGuardKey publicA = publicKey(keyA);
            WireGuardKey publicB = publicKey(keyB);
            // interface names are unique on the machine: wireguard-go's sockets share one directory
            Tunnel tunnelA = a.openTunnel("ss" + tag + "a", keyA, 51901, List.of(IpPrefix.parse("10.210.0.1/32")));
            Tunnel tunnelB = b.openTunnel("ss" + tag + "b", keyB, 51902, List.of(IpPrefix.parse("10.210.0.2/32")));
            tunnelA.setPeer(new TunnelPeer(publicB, Optional.of(new InetSocketAddress("10.209.0.2", 51902)),
                    List.of(IpPrefix.parse("10.210.0.2/32")), 0));
            tunnelB.setPeer(new TunnelPeer(publicA, Optional.of(new InetSocketAddress("10.209.0.1", 51901)),
                    List.of(IpPrefix.parse("10.210.0.1/32")), 0));
            a.setRoute(IpPrefix.parse("10.210.0.2/32"), tunnelA.name());
            b.setRoute(IpPrefix.parse("10.210.0.1/32"), tunnelB.name());

            Commands.Result ping = inA.run(List.of("ping", "-c", "3", "-i", "0.2", "-W", "2", "10.210.0.2"), new byte[0]);
            assertTrue(ping.ok() && ping.stdout().contains("3 received"), ping.stdout() + ping.stderr());

            Thread.sleep(200);
            PeerTransfer fromA = tunnelA.transfer().get(publicB);
            PeerTransfer atB = tunnelB.transfer().get(publicA);
            assertTrue(fromA.txBytes() > 3 * 84, "three pings and a handshake left A for B: " + fromA);
            assertEquals(fromA.txBytes(), atB.rxBytes(), "B counts what A sent it");
            assertEquals(atB.txBytes(), fromA.rxBytes(), "A counts what B sent it");
            String shown = inA.run(List.of("wg", "show", tunnelA.name(), "transfer"), new byte[0]).stdout().strip();
            assertEquals(publicB + "\t" + fromA.rxBytes() + "\t" + fromA.txBytes(), shown,
                    "the control socket's counters are wg's");

            a.setMasquerade(tunnelA.name(), true);
            String table = inA.run(List.of("nft", "list", "table", "inet", tunnelA.name()), new byte[0]).stdout();
            assertTrue(table.contains("masquerade") && table.contains("iifname \"" + tunnelA.name() + "\""), table);
            b.setMasquerade(tunnelB.name(), true);

            tunnelA.removePeer(publicB);
            assertFalse(tunnelA.transfer().containsKey(publicB));
            tunnelA.close();
            assertEquals(List.of("ss" + tag + "b"), b.removeInterfaces("ss" + tag), "what a crashed node left is found");
            assertFalse(inA.run(List.of("ip", "-o", "link", "show"), new byte[0]).stdout().contains("ss" + tag));
            assertFalse(inA.run(List.of("nft", "list", "tables"), new byte[0]).stdout().contains("ss" + tag),
                    "the NAT table went with the tunnel");
            assertFalse(inB.run(List.of("nft", "list", "tables"), new byte[0]).stdout().contains("ss" + tag),
                    "and with a crashed node's leftovers");
        } finally {
            HOST.run(List.of("ip", "netns", "del", nsA), new byte[0]);
            HOST.run(List.of("ip", "netns", "del", nsB), new byte[0]);
        }
        assertFalse(HOST.run(List.of("ip", "netns", "list"), new byte[0]).stdout().contains("ssdp-" + tag));
    }

    private static void host(String... command) throws DataPlaneException {
        Commands.Result result = HOST.run(List.of(command), new byte[0]);
        assertTrue(result.ok(), String.join(" ", command) + ": " + result.stderr());
    }

    private static byte[] privateKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** The public key of {@code privateKey}, as {@code wg pubkey} derives it. */
    private static WireGuardKey publicKey(byte[] privateKey) throws DataPlaneException {
        byte[] input = (Base64.getEncoder().encodeToString(privateKey) + "\n").getBytes(StandardCharsets.US_ASCII);
        return WireGuardKey.parse(HOST.run(List.of("wg", "pubkey"), input).stdout());
    }
}
