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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The running uplink: one WireGuard interface whose peers and routes follow the mesh
 * ({@link TunnelPlan}, applied by a {@link TunnelReconciler} at every {@link #sync()}).
 * Thread-safe: the service's task syncs, {@code /uplink} reads.
 */
final class Uplink implements AutoCloseable {
    private final MeshView mesh;
    private final Tunnel tunnel;
    private final TunnelReconciler reconciler;
    private final IpPrefix address;
    private final int listenPort;
    private Map<WireGuardKey, NodeId> peerIds = Map.of();
    private TunnelPlan plan = new TunnelPlan(Map.of(), List.of());
    private Optional<String> lastError = Optional.empty();

    private Uplink(MeshView mesh, DataPlane dataPlane, Tunnel tunnel, IpPrefix address, int listenPort) {
        this.mesh = mesh;
        this.tunnel = tunnel;
        this.reconciler = new TunnelReconciler(dataPlane, tunnel);
        this.address = address;
        this.listenPort = listenPort;
    }

    /**
     * Removes what an earlier run left under interface {@code name}, then makes the interface
     * with the node's mesh address.
     *
     * @param privateKey the tunnel key (cleared here once handed to the data plane)
     * @throws DataPlaneException if the data plane cannot (no CAP_NET_ADMIN, no WireGuard)
     */
    static Uplink open(MeshView mesh, DataPlane dataPlane, String name, byte[] privateKey, int listenPort)
            throws DataPlaneException {
        IpPrefix address = MeshAddresses.of(mesh.node().id());
        try {
            dataPlane.removeInterfaces(name);
            Tunnel tunnel = dataPlane.openTunnel(name, privateKey, listenPort, List.of(address));
            return new Uplink(mesh, dataPlane, tunnel, address, listenPort);
        } finally {
            Arrays.fill(privateKey, (byte) 0);
        }
    }

    /** Brings the tunnel's peers and routes to the mesh's state now. */
    synchronized void sync() {
        MeshNode node = mesh.node();
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
        Map<NodeId, NodeId> downward = new HashMap<>();
        for (DownwardRoute r : node.routes().downward()) {
            downward.put(r.target(), r.via());
        }
        TunnelPlan next = TunnelPlan.of(neighbours, position.parent(), position.gateway(), downward, listenPort);
        try {
            reconciler.apply(next);
            lastError = Optional.empty();
        } catch (DataPlaneException e) {
            lastError = Optional.of(e.getMessage());
        }
        plan = next;
        peerIds = Map.copyOf(ids);
    }

    /** The last change that failed, if the last sync had one. */
    synchronized Optional<String> lastError() {
        return lastError;
    }

    /** What {@code /uplink} shows. */
    synchronized Map<String, Object> document() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("interface", tunnel.name());
        doc.put("address", address.toString());
        doc.put("listen-port", listenPort);
        Map<WireGuardKey, PeerTransfer> transfer;
        try {
            transfer = tunnel.transfer();
        } catch (DataPlaneException e) {
            transfer = Map.of();
            doc.put("transfer-error", e.getMessage());
        }
        List<Map<String, Object>> peers = new ArrayList<>();
        for (TunnelPeer peer : plan.peers().values()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", Optional.ofNullable(peerIds.get(peer.key())).map(NodeId::value).orElse("?"));
            row.put("key", peer.key().toString());
            peer.endpoint().ifPresent(e -> row.put("endpoint", e.getAddress().getHostAddress() + ":" + e.getPort()));
            row.put("allowed-ips", peer.allowedIps().stream().map(IpPrefix::toString).toList());
            PeerTransfer t = transfer.getOrDefault(peer.key(), new PeerTransfer(0, 0));
            row.put("rx-bytes", t.rxBytes());
            row.put("tx-bytes", t.txBytes());
            peers.add(row);
        }
        doc.put("peers", peers);
        doc.put("routes", reconciler.routes().stream().map(IpPrefix::toString).toList());
        lastError.ifPresent(e -> doc.put("error", e));
        return doc;
    }

    @Override
    public synchronized void close() throws DataPlaneException {
        tunnel.close();
    }
}
