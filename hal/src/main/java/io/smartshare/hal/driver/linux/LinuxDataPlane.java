package io.smartshare.hal.driver.linux;

import io.smartshare.hal.dataplane.DataPlane;
import io.smartshare.hal.dataplane.DataPlaneException;
import io.smartshare.hal.dataplane.IpPrefix;
import io.smartshare.hal.dataplane.PeerTransfer;
import io.smartshare.hal.dataplane.Tunnel;
import io.smartshare.hal.dataplane.TunnelPeer;
import io.smartshare.hal.dataplane.WireGuardKey;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code linux} driver's data plane: {@code ip} for interfaces, addresses and routes,
 * {@code wg} for WireGuard's keys, peers and counters, {@code wireguard-go} (userspace, over
 * TUN) where the kernel has no WireGuard (it daemonizes, and ends when its interface is
 * deleted), {@code nft} for NAT (one table of family {@code inet} per tunnel, named like it),
 * and {@code /proc/sys} for forwarding. A {@code wireguard-go} tunnel's counters are read from
 * its control socket ({@code <wireguard-run>/<name>.sock}, WireGuard's cross-platform UAPI),
 * which costs no process; the kernel's with {@code wg show}. Needs CAP_NET_ADMIN. Every
 * failure names the command and what it said on standard error; the private key is written
 * to {@code wg} on standard input only.
 */
public final class LinuxDataPlane implements DataPlane {
    /** Interface names: what Linux allows (15 bytes), restricted to what is safe in a command. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,14}");
    /** The names of the nftables tables this driver makes: a tunnel's name, then "-cut" or "-cap". */
    private static final Pattern TABLE = Pattern.compile("[a-z0-9][a-z0-9-]{0,19}");
    /** Any interface name the kernel allows, as a single path element. */
    private static final Pattern NAME_IN_SYSFS = Pattern.compile("[^/\\s]{1,15}");
    private static final byte[] NO_INPUT = new byte[0];
    /** The packet mark of traffic that came in through a tunnel ("SS"), for the NAT rule. */
    static final int TUNNEL_MARK = 0x5353;
    /** The metric of default routes through a tunnel: above what DHCP clients and static routes use (0 to a few hundred). */
    static final int FALLBACK_METRIC = 1024;
    /** A default route's flag in {@code /proc/net/route}: RTF_UP. */
    private static final int RTF_UP = 0x1;

    private final Commands commands;
    private final Path proc;
    private final Path sys;
    private final Path wireguardRun;
    /** The nftables tables this data plane made and has not deleted. */
    private final Set<String> tables = ConcurrentHashMap.newKeySet();

    /**
     * @param commands runs {@code ip}, {@code wg}, {@code wireguard-go} and {@code nft}
     * @param proc where procfs is ({@code /proc}; a directory of files in tests)
     * @param sys where sysfs is ({@code /sys})
     * @param wireguardRun where {@code wireguard-go} puts its control sockets ({@code /var/run/wireguard})
     */
    public LinuxDataPlane(Commands commands, Path proc, Path sys, Path wireguardRun) {
        this.commands = commands;
        this.proc = proc;
        this.sys = sys;
        this.wireguardRun = wireguardRun;
    }

    @Override
    public String driver() {
        return "linux";
    }

    @Override
    public Tunnel openTunnel(String name, byte[] privateKey, int listenPort, List<IpPrefix> addresses)
            throws DataPlaneException {
        checkName(name);
        if (privateKey.length != 32) {
            throw new DataPlaneException("tunnel " + name + ": a WireGuard private key has 32 bytes, found "
                    + privateKey.length);
        }
        if (listenPort < 1 || listenPort > 65_535) {
            throw new DataPlaneException("tunnel " + name + ": listen port expected 1..65535, found " + listenPort);
        }
        createInterface(name);
        try {
            byte[] key = (Base64.getEncoder().encodeToString(privateKey) + "\n").getBytes(StandardCharsets.US_ASCII);
            run(List.of("wg", "set", name, "private-key", "/dev/stdin", "listen-port", Integer.toString(listenPort)), key);
            for (IpPrefix address : addresses) {
                run(List.of("ip", "address", "add", address.toString(), "dev", name));
            }
            run(List.of("ip", "link", "set", "dev", name, "up"));
        } catch (DataPlaneException e) {
            commands.run(List.of("ip", "link", "del", "dev", name), NO_INPUT);
            throw e;
        }
        return new LinuxTunnel(name);
    }

    /** The kernel's WireGuard, else {@code wireguard-go}. */
    private void createInterface(String name) throws DataPlaneException {
        Commands.Result kernel = commands.run(List.of("ip", "link", "add", "dev", name, "type", "wireguard"), NO_INPUT);
        if (kernel.ok()) {
            return;
        }
        Commands.Result userspace = commands.run(List.of("wireguard-go", name), NO_INPUT);
        if (!userspace.ok()) {
            throw new DataPlaneException("cannot create WireGuard interface " + name + ": `ip link add … type wireguard`"
                    + " said " + firstLine(kernel.stderr()) + "; `wireguard-go " + name + "` said "
                    + firstLine(userspace.stderr() + userspace.stdout()) + " (exit " + userspace.exitCode() + ")");
        }
    }

    @Override
    public void setRoute(IpPrefix destination, String device) throws DataPlaneException {
        run(route("replace", destination, device));
    }

    @Override
    public void removeRoute(IpPrefix destination, String device) throws DataPlaneException {
        runUnless(route("del", destination, device), "No such process");
    }

    /** {@code ip route <verb>}; a default route with the fallback metric. */
    private static List<String> route(String verb, IpPrefix destination, String device) {
        List<String> command = new ArrayList<>(List.of("ip", "route", verb, destination.toString(), "dev", device));
        if (destination.length() == 0) {
            command.addAll(List.of("metric", Integer.toString(FALLBACK_METRIC)));
        }
        return command;
    }

    /** Reads {@code /proc/net/route} and the interface's {@code operstate}: no process runs. */
    @Override
    public boolean uplinkUp(String tunnel) throws DataPlaneException {
        Path routes = proc.resolve("net/route");
        try {
            for (String line : Files.readAllLines(routes)) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 8 && f[1].equals("00000000") && f[7].equals("00000000") && !f[0].equals(tunnel)
                        && (Integer.parseInt(f[3], 16) & RTF_UP) != 0 && linkUp(f[0])) {
                    return true;
                }
            }
            return false;
        } catch (IOException | NumberFormatException e) {
            throw new DataPlaneException("cannot read the default routes in " + routes + ": " + e.getMessage(), e);
        }
    }

    private boolean linkUp(String device) throws IOException {
        Path state = sys.resolve("class/net").resolve(device).resolve("operstate");
        if (!NAME_IN_SYSFS.matcher(device).matches() || !Files.exists(state)) {
            return false;
        }
        String operstate = Files.readString(state).strip();
        return operstate.equals("up") || operstate.equals("unknown");
    }

    @Override
    public void enableForwarding() throws DataPlaneException {
        for (String key : List.of("net/ipv4/ip_forward", "net/ipv6/conf/all/forwarding")) {
            Path file = proc.resolve("sys").resolve(key);
            try {
                if (!Files.readString(file).strip().equals("1")) {
                    Files.writeString(file, "1\n");
                }
            } catch (IOException e) {
                throw new DataPlaneException("cannot turn on forwarding in " + file + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void setMasquerade(String tunnel, boolean on) throws DataPlaneException {
        checkName(tunnel);
        replaceTable(tunnel, !on ? Optional.empty() : Optional.of(""
                + "  chain from_tunnel {\n"
                + "    type filter hook prerouting priority mangle; policy accept;\n"
                + "    iifname \"" + tunnel + "\" meta mark set " + TUNNEL_MARK + "\n"
                + "  }\n"
                + "  chain to_uplink {\n"
                + "    type nat hook postrouting priority srcnat; policy accept;\n"
                + "    meta mark " + TUNNEL_MARK + " oifname != \"" + tunnel + "\" masquerade\n"
                + "  }\n"
                + "  chain into_tunnel {\n"
                + "    type filter hook forward priority filter; policy accept;\n"
                + "    iifname != \"" + tunnel + "\" oifname \"" + tunnel + "\" ct state != { established, related } drop\n"
                + "  }\n"));
    }

    @Override
    public void setCut(String tunnel, List<IpPrefix> sources) throws DataPlaneException {
        checkName(tunnel);
        replaceTable(tunnel + "-cut", sources.isEmpty() ? Optional.empty() : Optional.of(
                "  chain forward {\n    type filter hook forward priority filter; policy accept;\n"
                + addressRules(tunnel, sources, "drop") + "  }\n"));
    }

    @Override
    public void setCaps(String tunnel, long totalKbps, long neighbourKbps, List<List<IpPrefix>> neighbours)
            throws DataPlaneException {
        checkName(tunnel);
        if (totalKbps <= 0 && (neighbourKbps <= 0 || neighbours.isEmpty())) {
            replaceTable(tunnel + "-cap", Optional.empty());
            return;
        }
        StringBuilder limits = new StringBuilder();
        StringBuilder rules = new StringBuilder();
        if (totalKbps > 0) { // each packet counted once: a relay's tunnel-to-tunnel traffic is "in"
            limits.append("  limit total ").append(rate(totalKbps)).append("\n");
            rules.append("    iifname \"").append(tunnel).append("\" limit name \"total\" drop\n");
            rules.append("    oifname \"").append(tunnel).append("\" iifname != \"").append(tunnel)
                    .append("\" limit name \"total\" drop\n");
        }
        if (neighbourKbps > 0) {
            for (int i = 0; i < neighbours.size(); i++) {
                limits.append("  limit n").append(i).append(' ').append(rate(neighbourKbps)).append("\n");
                rules.append(addressRules(tunnel, neighbours.get(i), "limit name \"n" + i + "\" drop"));
            }
        }
        replaceTable(tunnel + "-cap", Optional.of(limits + "  chain forward {\n"
                + "    type filter hook forward priority filter; policy accept;\n" + rules + "  }\n"));
    }

    /**
     * Rules for forwarded traffic from {@code tunnel} with a source in {@code prefixes} and
     * into it with a destination in them, one pair per address family, each ending in {@code action}.
     */
    private static String addressRules(String tunnel, List<IpPrefix> prefixes, String action) {
        StringBuilder rules = new StringBuilder();
        for (boolean v4 : List.of(true, false)) {
            String set = prefixes.stream().filter(p -> (p.address() instanceof Inet4Address) == v4)
                    .map(IpPrefix::toString).collect(Collectors.joining(", "));
            if (!set.isEmpty()) {
                String family = v4 ? "ip" : "ip6";
                rules.append("    iifname \"").append(tunnel).append("\" ").append(family).append(" saddr { ").append(set)
                        .append(" } ").append(action).append("\n");
                rules.append("    oifname \"").append(tunnel).append("\" ").append(family).append(" daddr { ").append(set)
                        .append(" } ").append(action).append("\n");
            }
        }
        return rules.toString();
    }

    /** An nftables limit of {@code kbps} kbit/s, with a tenth of a second's burst (at least 16 kbytes). */
    private static String rate(long kbps) {
        long kbytes = Math.max(1, kbps / 8);
        return "{ rate over " + kbytes + " kbytes/second burst " + Math.max(16, kbytes / 10) + " kbytes }";
    }

    /**
     * Deletes the nftables table {@code table} of family {@code inet} if this data plane made
     * it, then makes it anew with {@code body} (its limits and chains) if there is one.
     */
    private void replaceTable(String table, Optional<String> body) throws DataPlaneException {
        if (tables.remove(table)) {
            deleteTable(table);
        }
        if (body.isPresent()) {
            String rules = "table inet " + table + " {\n" + body.get() + "}\n";
            run(List.of("nft", "-f", "-"), rules.getBytes(StandardCharsets.US_ASCII));
            tables.add(table);
        }
    }

    /** Deletes the nftables table {@code table}, if there is one. */
    private void deleteTable(String table) throws DataPlaneException {
        runUnless(List.of("nft", "delete", "table", "inet", table), "No such file or directory");
    }

    private static void checkName(String name) throws DataPlaneException {
        if (!NAME.matcher(name).matches()) {
            throw new DataPlaneException("tunnel name '" + name + "': expected 1 to 15 of a-z, 0-9 and '-'");
        }
    }

    @Override
    public List<String> removeInterfaces(String prefix) throws DataPlaneException {
        List<String> removed = new ArrayList<>();
        for (String line : run(List.of("ip", "-o", "link", "show")).stdout().split("\n")) {
            String[] fields = line.split(": ", 3);
            if (fields.length < 2) {
                continue;
            }
            String name = fields[1].split("@", 2)[0];
            if (name.startsWith(prefix)) {
                run(List.of("ip", "link", "del", "dev", name));
                removed.add(name);
            }
        }
        for (String line : nftTables()) {
            String[] fields = line.strip().split(" ");
            if (fields.length == 3 && fields[2].startsWith(prefix) && TABLE.matcher(fields[2]).matches()) {
                deleteTable(fields[2]);
            }
        }
        return removed;
    }

    /** The lines of {@code nft list tables inet}; none where there is no {@code nft} (then there are no tables either). */
    private List<String> nftTables() {
        try {
            Commands.Result tables = commands.run(List.of("nft", "list", "tables", "inet"), NO_INPUT);
            return tables.ok() ? List.of(tables.stdout().split("\n")) : List.of();
        } catch (DataPlaneException e) {
            return List.of();
        }
    }

    private Commands.Result run(List<String> command) throws DataPlaneException {
        return run(command, NO_INPUT);
    }

    /** Runs {@code command}; a failure whose standard error says {@code harmless} is none. */
    private void runUnless(List<String> command, String harmless) throws DataPlaneException {
        Commands.Result result = commands.run(command, NO_INPUT);
        if (!result.ok() && !result.stderr().contains(harmless)) {
            throw failure(command, result);
        }
    }

    private Commands.Result run(List<String> command, byte[] stdin) throws DataPlaneException {
        Commands.Result result = commands.run(command, stdin);
        if (!result.ok()) {
            throw failure(command, result);
        }
        return result;
    }

    private static DataPlaneException failure(List<String> command, Commands.Result result) {
        return new DataPlaneException("`" + String.join(" ", command) + "` failed (exit " + result.exitCode() + "): "
                + firstLine(result.stderr()));
    }

    private static String firstLine(String text) {
        String stripped = text.strip();
        int newline = stripped.indexOf('\n');
        return stripped.isEmpty() ? "nothing" : newline < 0 ? stripped : stripped.substring(0, newline);
    }

    private final class LinuxTunnel implements Tunnel {
        private final String name;

        LinuxTunnel(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void setPeer(TunnelPeer peer) throws DataPlaneException {
            List<String> command = new ArrayList<>(List.of("wg", "set", name, "peer", peer.key().toString()));
            if (peer.endpoint().isPresent()) {
                command.add("endpoint");
                command.add(endpoint(peer.endpoint().get()));
            }
            command.add("allowed-ips");
            command.add(peer.allowedIps().stream().map(IpPrefix::toString).collect(Collectors.joining(",")));
            command.add("persistent-keepalive");
            command.add(peer.keepaliveSeconds() == 0 ? "off" : Integer.toString(peer.keepaliveSeconds()));
            run(command);
        }

        @Override
        public void removePeer(WireGuardKey key) throws DataPlaneException {
            run(List.of("wg", "set", name, "peer", key.toString(), "remove"));
        }

        @Override
        public Map<WireGuardKey, PeerTransfer> transfer() throws DataPlaneException {
            Path socket = wireguardRun.resolve(name + ".sock");
            if (Files.exists(socket)) {
                return UapiSocket.transfer(socket);
            }
            Map<WireGuardKey, PeerTransfer> counters = new LinkedHashMap<>();
            for (String line : run(List.of("wg", "show", name, "transfer")).stdout().split("\n")) {
                String[] fields = line.strip().split("\t");
                if (fields.length == 3) {
                    try {
                        counters.put(WireGuardKey.parse(fields[0]),
                                new PeerTransfer(Long.parseLong(fields[1]), Long.parseLong(fields[2])));
                    } catch (IllegalArgumentException e) {
                        throw new DataPlaneException("`wg show " + name + " transfer`: unexpected line '" + line + "'", e);
                    }
                }
            }
            return counters;
        }

        @Override
        public void close() throws DataPlaneException {
            setMasquerade(name, false);
            setCut(name, List.of());
            setCaps(name, 0, 0, List.of());
            run(List.of("ip", "link", "del", "dev", name));
        }

        private String endpoint(InetSocketAddress address) {
            String host = address.getAddress().getHostAddress();
            return (address.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort();
        }
    }
}
