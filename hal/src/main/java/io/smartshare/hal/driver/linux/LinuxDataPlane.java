package io.smartshare.hal.driver.linux;

import io.smartshare.hal.dataplane.DataPlane;
import io.smartshare.hal.dataplane.DataPlaneException;
import io.smartshare.hal.dataplane.IpPrefix;
import io.smartshare.hal.dataplane.PeerTransfer;
import io.smartshare.hal.dataplane.Tunnel;
import io.smartshare.hal.dataplane.TunnelPeer;
import io.smartshare.hal.dataplane.WireGuardKey;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code linux} driver's data plane: {@code ip} for interfaces, addresses and routes,
 * {@code wg} for WireGuard's keys, peers and counters, and {@code wireguard-go} (userspace,
 * over TUN) where the kernel has no WireGuard (it daemonizes, and ends when its interface is
 * deleted). Needs CAP_NET_ADMIN. Every failure names the command and what it said on standard
 * error; the private key is written to {@code wg} on standard input only.
 */
public final class LinuxDataPlane implements DataPlane {
    /** Interface names: what Linux allows (15 bytes), restricted to what is safe in a command. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,14}");
    private static final byte[] NO_INPUT = new byte[0];

    private final Commands commands;

    public LinuxDataPlane(Commands commands) {
        this.commands = commands;
    }

    @Override
    public String driver() {
        return "linux";
    }

    @Override
    public Tunnel openTunnel(String name, byte[] privateKey, int listenPort, List<IpPrefix> addresses)
            throws DataPlaneException {
        if (!NAME.matcher(name).matches()) {
            throw new DataPlaneException("tunnel name '" + name + "': expected 1 to 15 of a-z, 0-9 and '-'");
        }
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
        run(List.of("ip", "route", "replace", destination.toString(), "dev", device));
    }

    @Override
    public void removeRoute(IpPrefix destination, String device) throws DataPlaneException {
        Commands.Result result = commands.run(List.of("ip", "route", "del", destination.toString(), "dev", device),
                NO_INPUT);
        if (!result.ok() && !result.stderr().contains("No such process")) {
            throw failure(List.of("ip", "route", "del", destination.toString(), "dev", device), result);
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
        return removed;
    }

    private Commands.Result run(List<String> command) throws DataPlaneException {
        return run(command, NO_INPUT);
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
            run(List.of("ip", "link", "del", "dev", name));
        }

        private String endpoint(InetSocketAddress address) {
            String host = address.getAddress().getHostAddress();
            return (address.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort();
        }
    }
}
