package io.smartshare.node.uplink;

import io.smartshare.hal.dataplane.DataPlane;
import io.smartshare.hal.dataplane.DataPlaneException;
import io.smartshare.hal.dataplane.IpPrefix;
import io.smartshare.hal.dataplane.PeerTransfer;
import io.smartshare.hal.dataplane.Tunnel;
import io.smartshare.hal.dataplane.TunnelPeer;
import io.smartshare.hal.dataplane.WireGuardKey;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.mesh.MeshNode;
import io.smartshare.node.mesh.RoutePosition;
import io.smartshare.node.mesh.coap.MeshView;
import io.smartshare.node.mesh.neighbor.NeighborView;
import io.smartshare.node.mesh.routing.DownwardRoute;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running uplink: one WireGuard interface whose peers and routes follow the mesh
 * ({@link TunnelPlan}, applied by a {@link TunnelReconciler} at every {@link #sync()}), and
 * whose peers' counters its {@link TunnelMeter} reads. Thread-safe: the service's task syncs
 * and the node's stop closes, one at a time ({@code changing}); the meter and {@code /uplink}
 * read what the last sync published ({@link Shown}), never waiting for a sync or for the data
 * plane (a {@code /uplink} answered on the CoAP thread must not hold up the mesh's frames).
 */
final class Uplink implements RelayGate, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Uplink.class);
    /** How often the service syncs the tunnel with the mesh. */
    static final Duration SYNC_INTERVAL = Duration.ofSeconds(1);
    private final MeshView mesh;
    private final DataPlane dataPlane;
    private final Tunnel tunnel;
    private final TunnelReconciler reconciler;
    private final TunnelPlan.Local local;
    private final ShareCaps caps;
    private final List<IpPrefix> addresses;
    private final TunnelMeter meter;
    private final Object changing = new Object();
    private volatile Shown shown = new Shown(TunnelPlan.EMPTY, Map.of(), Optional.empty(), Set.of(), List.of(),
            Optional.empty());
    private volatile Set<NodeId> cut = Set.of();

    /**
     * What the last sync made: its plan, the node id of each peer's key, the parent and the
     * children then, the routes through the tunnel, and the change that failed, if one did.
     */
    private record Shown(TunnelPlan plan, Map<WireGuardKey, NodeId> peerIds, Optional<NodeId> parent,
            Set<NodeId> children, List<IpPrefix> routes, Optional<String> error) {
    }

    private Uplink(MeshView mesh, DataPlane dataPlane, Tunnel tunnel, TunnelPlan.Local local, List<IpPrefix> addresses,
            ShareCaps caps) {
        this.caps = caps;
        this.mesh = mesh;
        this.dataPlane = dataPlane;
        this.tunnel = tunnel;
        this.reconciler = new TunnelReconciler(dataPlane, tunnel);
        this.local = local;
        this.addresses = addresses;
        this.meter = new TunnelMeter(this::reading);
    }

    /**
     * Removes what an earlier run left under interface {@code name}, turns on forwarding, makes
     * the interface with the node's mesh addresses, and announces the node's LAN prefixes with
     * its registrations.
     *
     * @param privateKey the tunnel key (cleared here once handed to the data plane)
     * @throws DataPlaneException if the data plane cannot (no CAP_NET_ADMIN, no WireGuard)
     */
    static Uplink open(MeshView mesh, DataPlane dataPlane, String name, byte[] privateKey, TunnelPlan.Local local,
            ShareCaps caps) throws DataPlaneException {
        List<IpPrefix> addresses = List.of(MeshAddresses.of(local.id()), MeshAddresses.ipv4(local.id(), local.ipv4Pool()));
        try {
            dataPlane.removeInterfaces(name);
            dataPlane.enableForwarding();
            Tunnel tunnel = dataPlane.openTunnel(name, privateKey, local.listenPort(), addresses);
            mesh.node().announce(local.lan());
            return new Uplink(mesh, dataPlane, tunnel, local, addresses, caps);
        } finally {
            Arrays.fill(privateKey, (byte) 0);
        }
    }

    /**
     * Brings the tunnel's peers and routes to the mesh's state now; on a gateway, first tells
     * the mesh whether its own uplink works (it is a gateway only while it does).
     */
    void sync() {
        synchronized (changing) {
            syncNow();
        }
    }

    private void syncNow() {
        MeshNode node = mesh.node();
        Optional<String> error = mesh.uplinkKbps().isPresent()
                ? followUplink(node, mesh.uplinkKbps().getAsLong(), dataPlane, tunnel.name()) : Optional.empty();
        RoutePosition position = node.position();
        List<TunnelPlan.Neighbour> neighbours = new ArrayList<>();
        Map<WireGuardKey, NodeId> ids = new HashMap<>();
        for (NeighborView n : node.neighbors()) {
            if (!n.alive()) {
                continue;
            }
            Optional<byte[]> key = node.tunnelKeyOf(n.id());
            Optional<InetSocketAddress> at = mesh.addresses().addressOf(n.id());
            if (key.isPresent() && at.isPresent()) {
                neighbours.add(new TunnelPlan.Neighbour(n.id(), key.get(), at.get().getAddress()));
                ids.put(WireGuardKey.of(key.get()), n.id());
            }
        }
        List<DownwardRoute> downward = node.routes().downward();
        TunnelPlan next = TunnelPlan.of(local, neighbours, position.parent(), position.gateway(), downward);
        Set<NodeId> cutNow = cut;
        try {
            reconciler.apply(next);
            Map<NodeId, List<IpPrefix>> served = served(next, ids);
            reconciler.cut(served.entrySet().stream().filter(e -> cutNow.contains(e.getKey()))
                    .flatMap(e -> e.getValue().stream()).toList());
            reconciler.caps(caps, List.copyOf(served.values()));
        } catch (DataPlaneException e) {
            error = Optional.of(e.getMessage());
        }
        shown = new Shown(next, Map.copyOf(ids), position.parent(), downward.stream()
                .filter(r -> r.target().equals(r.via())).map(DownwardRoute::via).collect(Collectors.toUnmodifiableSet()),
                List.copyOf(reconciler.routes()), error);
        // the counters /uplink shows, at most a sync old: read here unless the rewards just did
        meter.readIfOlderThan(SYNC_INTERVAL);
    }

    /** What each neighbour may send and receive through the tunnel: its allowed IPs but the default routes, by id. */
    private static Map<NodeId, List<IpPrefix>> served(TunnelPlan next, Map<WireGuardKey, NodeId> ids) {
        Map<NodeId, List<IpPrefix>> served = new TreeMap<>(Comparator.comparing(NodeId::value));
        for (TunnelPeer peer : next.peers().values()) {
            NodeId id = ids.get(peer.key());
            if (id != null) {
                served.put(id, peer.allowedIps().stream().filter(p -> !TunnelPlan.DEFAULTS.contains(p)).toList());
            }
        }
        return served;
    }

    @Override
    public synchronized void cutOnly(Set<NodeId> neighbours) { // one caller (the rewards' check) at a time
        for (NodeId n : neighbours) {
            if (!cut.contains(n)) {
                LOG.warn("event=relay-cut neighbor={} reason=\"owes more than the grace\"", n.value());
            }
        }
        for (NodeId n : cut) {
            if (!neighbours.contains(n)) {
                LOG.info("event=relay-restored neighbor={}", n.value());
            }
        }
        cut = Set.copyOf(neighbours);
    }

    /** The peers' counters now, each peer in the role the last sync saw. */
    private TunnelMeter.Reading reading() throws DataPlaneException {
        Shown now = shown;
        return new TunnelMeter.Reading(tunnel.transfer(), now.peerIds(), now.parent(), now.children());
    }

    /** The relay service the tunnel carried, per neighbour. */
    TunnelMeter tunnelMeter() {
        return meter;
    }

    /** Tells the mesh whether the gateway's own uplink works; the reason if that cannot be read. */
    private static Optional<String> followUplink(MeshNode node, long kbps, DataPlane dataPlane, String tunnel) {
        try {
            boolean up = dataPlane.uplinkUp(tunnel);
            if (up != node.position().gateway()) {
                LOG.info("event=uplink-{} kbps={}", up ? "up" : "down", kbps);
                node.setUplink(up, kbps);
            }
            return Optional.empty();
        } catch (DataPlaneException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The last change that failed, if the last sync had one. */
    Optional<String> lastError() {
        return shown.error();
    }

    /**
     * What {@code /uplink} shows: what the last sync published, with the peers' counters as the
     * meter last read them (at most a sync old). Reads nothing from the data plane.
     */
    Map<String, Object> document() {
        Shown now = shown;
        Set<NodeId> cutNow = cut;
        Map<WireGuardKey, PeerTransfer> transfer = meter.lastCounters();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("interface", tunnel.name());
        doc.put("addresses", addresses.stream().map(IpPrefix::toString).toList());
        doc.put("lan", local.lan().stream().map(IpPrefix::toString).toList());
        doc.put("listen-port", local.listenPort());
        doc.put("masquerade", now.plan().masquerade());
        doc.put("share-cap-kbps", caps.totalKbps());
        doc.put("neighbour-cap-kbps", caps.neighbourKbps());
        List<Map<String, Object>> peers = new ArrayList<>();
        for (TunnelPeer peer : now.plan().peers().values()) {
            Map<String, Object> row = new LinkedHashMap<>();
            NodeId id = now.peerIds().get(peer.key());
            row.put("id", Optional.ofNullable(id).map(NodeId::value).orElse("?"));
            row.put("key", peer.key().toString());
            peer.endpoint().ifPresent(e -> row.put("endpoint", e.getAddress().getHostAddress() + ":" + e.getPort()));
            row.put("allowed-ips", peer.allowedIps().stream().map(IpPrefix::toString).toList());
            PeerTransfer t = transfer.getOrDefault(peer.key(), new PeerTransfer(0, 0));
            row.put("rx-bytes", t.rxBytes());
            row.put("tx-bytes", t.txBytes());
            row.put("cut", cutNow.contains(id));
            peers.add(row);
        }
        doc.put("peers", peers);
        doc.put("routes", now.routes().stream().map(IpPrefix::toString).toList());
        doc.put("refused", now.plan().refused().stream().map(PrefixClaims.Refusal::toString).toList());
        now.error().ifPresent(e -> doc.put("error", e));
        meter.lastError().ifPresent(e -> doc.put("meter-error", e));
        return doc;
    }

    @Override
    public void close() throws DataPlaneException {
        synchronized (changing) {
            tunnel.close();
        }
    }
}
