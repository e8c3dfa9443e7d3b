package io.smartshare.hal.driver.sim;

import io.smartshare.hal.dataplane.DataPlane;
import io.smartshare.hal.dataplane.DataPlaneException;
import io.smartshare.hal.dataplane.IpPrefix;
import io.smartshare.hal.dataplane.PeerTransfer;
import io.smartshare.hal.dataplane.Tunnel;
import io.smartshare.hal.dataplane.TunnelPeer;
import io.smartshare.hal.dataplane.WireGuardKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code sim} driver's data plane: tunnels, peers, routes and byte counters in memory, for
 * unit tests of what drives them; {@link #carry} moves a peer's counters as traffic would.
 * Thread-safe.
 */
public final class SimDataPlane implements DataPlane {
    private final Map<String, SimTunnel> tunnels = new TreeMap<>();
    private final Map<String, String> routes = new TreeMap<>();
    private final Set<String> masqueraded = new TreeSet<>();
    private boolean forwarding;
    private boolean uplink = true;
    private final Map<String, List<IpPrefix>> cut = new TreeMap<>();
    private final Map<String, long[]> caps = new TreeMap<>();

    @Override
    public String driver() {
        return "sim";
    }

    @Override
    public synchronized Tunnel openTunnel(String name, byte[] privateKey, int listenPort, List<IpPrefix> addresses)
            throws DataPlaneException {
        if (tunnels.containsKey(name)) {
            throw new DataPlaneException("cannot create WireGuard interface " + name + ": it exists");
        }
        SimTunnel tunnel = new SimTunnel(name);
        tunnels.put(name, tunnel);
        return tunnel;
    }

    @Override
    public synchronized void setRoute(IpPrefix destination, String device) throws DataPlaneException {
        if (!tunnels.containsKey(device)) {
            throw new DataPlaneException("route to " + destination + ": no device " + device);
        }
        routes.put(destination.toString(), device);
    }

    @Override
    public synchronized void removeRoute(IpPrefix destination, String device) {
        routes.remove(destination.toString(), device);
    }

    @Override
    public synchronized void enableForwarding() {
        forwarding = true;
    }

    @Override
    public synchronized void setMasquerade(String tunnel, boolean on) throws DataPlaneException {
        if (!on) {
            masqueraded.remove(tunnel);
        } else if (tunnels.containsKey(tunnel)) {
            masqueraded.add(tunnel);
        } else {
            throw new DataPlaneException("masquerade: no tunnel " + tunnel);
        }
    }

    @Override
    public synchronized boolean uplinkUp(String tunnel) {
        return uplink;
    }

    /** Gives or takes the node's own uplink (it has one until told otherwise). */
    public synchronized void setUplink(boolean up) {
        uplink = up;
    }

    @Override
    public synchronized void setCut(String tunnel, List<IpPrefix> sources) {
        if (sources.isEmpty()) {
            cut.remove(tunnel);
        } else {
            cut.put(tunnel, List.copyOf(sources));
        }
    }

    @Override
    public synchronized void setCaps(String tunnel, long totalKbps, long neighbourKbps,
            List<List<IpPrefix>> neighbours) {
        if (totalKbps <= 0 && neighbourKbps <= 0) {
            caps.remove(tunnel);
        } else {
            caps.put(tunnel, new long[] {totalKbps, neighbourKbps, neighbours.size()});
        }
    }

    /** The caps of {@code tunnel}: total kbit/s, per-neighbour kbit/s, neighbours capped; empty if none. */
    public synchronized List<Long> caps(String tunnel) {
        long[] c = caps.get(tunnel);
        return c == null ? List.of() : List.of(c[0], c[1], c[2]);
    }

    /** The sources whose forwarded traffic {@code tunnel} drops. */
    public synchronized List<IpPrefix> cut(String tunnel) {
        return cut.getOrDefault(tunnel, List.of());
    }

    /** Whether forwarding was turned on. */
    public synchronized boolean forwarding() {
        return forwarding;
    }

    /** The tunnels whose traffic is masqueraded. */
    public synchronized Set<String> masqueraded() {
        return Set.copyOf(masqueraded);
    }

    @Override
    public synchronized List<String> removeInterfaces(String prefix) {
        List<String> removed = new ArrayList<>();
        for (String name : List.copyOf(tunnels.keySet())) {
            if (name.startsWith(prefix)) {
                remove(name);
                removed.add(name);
            }
        }
        return removed;
    }

    /** The routes in place, destination to device. */
    public synchronized Map<String, String> routes() {
        return Map.copyOf(routes);
    }

    /** The interfaces in place. */
    public synchronized List<String> interfaces() {
        return List.copyOf(tunnels.keySet());
    }

    /** The peers of {@code tunnel} as last set. */
    public synchronized Map<WireGuardKey, TunnelPeer> peers(String tunnel) {
        return Optional.ofNullable(tunnels.get(tunnel)).map(t -> Map.copyOf(t.peers)).orElse(Map.of());
    }

    /** Counts {@code rx} bytes from and {@code tx} bytes to {@code peer} of {@code tunnel}. */
    public synchronized void carry(String tunnel, WireGuardKey peer, long rx, long tx) {
        SimTunnel t = tunnels.get(tunnel);
        if (t != null && t.peers.containsKey(peer)) {
            t.transfer.merge(peer, new PeerTransfer(rx, tx),
                    (a, b) -> new PeerTransfer(a.rxBytes() + b.rxBytes(), a.txBytes() + b.txBytes()));
        }
    }

    private void remove(String name) {
        tunnels.remove(name);
        masqueraded.remove(name);
        cut.remove(name);
        caps.remove(name);
        routes.values().removeIf(name::equals);
    }

    private final class SimTunnel implements Tunnel {
        private final String name;
        private final Map<WireGuardKey, TunnelPeer> peers = new LinkedHashMap<>();
        private final Map<WireGuardKey, PeerTransfer> transfer = new LinkedHashMap<>();

        SimTunnel(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void setPeer(TunnelPeer peer) {
            synchronized (SimDataPlane.this) {
                peers.put(peer.key(), peer);
                transfer.putIfAbsent(peer.key(), new PeerTransfer(0, 0));
            }
        }

        @Override
        public void removePeer(WireGuardKey key) {
            synchronized (SimDataPlane.this) {
                peers.remove(key);
                transfer.remove(key);
            }
        }

        @Override
        public Map<WireGuardKey, PeerTransfer> transfer() {
            synchronized (SimDataPlane.this) {
                return Map.copyOf(transfer);
            }
        }

        @Override
        public void close() {
            synchronized (SimDataPlane.this) {
                remove(name);
            }
        }
    }
}
