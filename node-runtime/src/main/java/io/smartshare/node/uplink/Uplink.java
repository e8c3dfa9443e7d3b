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
 * whose peers' counters its {@link TunnelMeter} reads. Thread-safe: the service's task syncs,
 * the meter and {@code /uplink} read.
 */
final class Uplink implements RelayGate, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Uplink.class);
    private final MeshView mesh;
    private final DataPlane dataPlane;
    private final Tunnel tunnel;
    private final TunnelReconciler reconciler;
    private final TunnelPlan.Local local;
    private final ShareCaps caps;
    private final List<IpPrefix> addresses;
    private final TunnelMeter meter;
    private Map<WireGuardKey, NodeId> peerIds = Map.of();
    private Optional<NodeId> parent = Optional.empty();
    private Set<NodeId> children = Set.of();
    private Set<NodeId> cut = Set.of();
    private TunnelPlan plan = TunnelPlan.EMPTY;
    private Optional<String> lastError = Optional.empty();

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
    synchronized void sync() {
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
        try {
            reconciler.apply(next);
            Map<NodeId, List<IpPrefix>> served = served(next, ids);
            reconciler.cut(served.entrySet().stream().filter(e -> cut.contains(e.getKey()))
                    .flatMap(e -> e.getValue().stream()).toList());
            reconciler.caps(caps, List.copyOf(served.values()));
        } catch (DataPlaneException e) {
            error = Optional.of(e.getMessage());
        }
        lastError = error;
        plan = next;
        peerIds = Map.copyOf(ids);
        parent = position.parent();
        children = downward.stream().filter(r -> r.target().equals(r.via())).map(DownwardRoute::via)
                .collect(Collectors.toUnmodifiableSet());
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
    public synchronized void cutOnly(Set<NodeId> neighbours) {
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

    /**
     * The peers' counters now, each peer in the role the last sync saw. The counters are read
     * outside this object's lock: the meter calls this holding its own lock, and {@link
     * #document} takes the meter's lock too, so neither may wait for the other.
     */
    private TunnelMeter.Reading reading() throws DataPlaneException {
        Map<WireGuardKey, NodeId> ids;
        Optional<NodeId> parentNow;
        Set<NodeId> childrenNow;
        synchronized (this) {
            ids = peerIds;
            parentNow = parent;
            childrenNow = children;
        }
        return new TunnelMeter.Reading(tunnel.transfer(), ids, parentNow, childrenNow);
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
    synchronized Optional<String> lastError() {
        return lastError;
    }

    /**
     * What {@code /uplink} shows: the state of the last sync, taken under this object's lock,
     * with the tunnel's counters and the meter's last error read after it is let go (see
     * {@link #reading}).
     */
    Map<String, Object> document() {
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, Object> tail = new LinkedHashMap<>();
        TunnelPlan shown;
        Map<WireGuardKey, NodeId> ids;
        Set<NodeId> cutNow;
        synchronized (this) {
            doc.put("interface", tunnel.name());
            doc.put("addresses", addresses.stream().map(IpPrefix::toString).toList());
            doc.put("lan", local.lan().stream().map(IpPrefix::toString).toList());
            doc.put("listen-port", local.listenPort());
            doc.put("masquerade", plan.masquerade());
            doc.put("share-cap-kbps", caps.totalKbps());
            doc.put("neighbour-cap-kbps", caps.neighbourKbps());
            tail.put("routes", reconciler.routes().stream().map(IpPrefix::toString).toList());
            tail.put("refused", plan.refused().stream().map(PrefixClaims.Refusal::toString).toList());
            lastError.ifPresent(e -> tail.put("error", e));
            shown = plan;
            ids = peerIds;
            cutNow = cut;
        }
        Map<WireGuardKey, PeerTransfer> transfer;
        try {
            transfer = tunnel.transfer();
        } catch (DataPlaneException e) {
            transfer = Map.of();
            doc.put("transfer-error", e.getMessage());
        }
        List<Map<String, Object>> peers = new ArrayList<>();
        for (TunnelPeer peer : shown.peers().values()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", Optional.ofNullable(ids.get(peer.key())).map(NodeId::value).orElse("?"));
            row.put("key", peer.key().toString());
            peer.endpoint().ifPresent(e -> row.put("endpoint", e.getAddress().getHostAddress() + ":" + e.getPort()));
            row.put("allowed-ips", peer.allowedIps().stream().map(IpPrefix::toString).toList());
            PeerTransfer t = transfer.getOrDefault(peer.key(), new PeerTransfer(0, 0));
            row.put("rx-bytes", t.rxBytes());
            row.put("tx-bytes", t.txBytes());
            row.put("cut", cutNow.contains(ids.get(peer.key())));
            peers.add(row);
        }
        doc.put("peers", peers);
        doc.putAll(tail);
        meter.lastError().ifPresent(e -> doc.put("meter-error", e));
        return doc;
    }

    @Override
    public synchronized void close() throws DataPlaneException {
        tunnel.close();
    }
}
