package io.smartshare.node.mesh.coap;

import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.mesh.ExecutorMeshScheduler;
import io.smartshare.node.mesh.MediaTransport;
import io.smartshare.node.mesh.MeshConfig;
import io.smartshare.node.mesh.MeshNode;
import io.smartshare.node.mesh.MeshTransport;
import io.smartshare.node.mesh.link.Medium;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.stack.ReliabilityLayerParameters;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.UDPConnector;
import org.eclipse.californium.elements.config.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's mesh running over a CoAP server: the {@link MeshNode} with a {@link
 * CoapMeshTransport} on the {@code coap://} endpoint (and, when given, a BLE transport beside
 * it, joined by a {@link MediaTransport}), group membership on the mesh
 * interface, the frame resource {@code /mh} and the resources under {@code /mesh}
 * ({@code neighbors}, {@code routes}, {@code relay}, {@code echo}). {@link #close()} stops timers and leaves the
 * group; the CoAP server is its owner's to close.
 */
public final class CoapMesh implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CoapMesh.class);
    /** CON timing of mesh frames and relayed requests: a LAN or radio hop answers in milliseconds. */
    private static final int ACK_TIMEOUT_MILLIS = 1_000;
    private static final int MAX_RETRANSMIT = 4;

    private final MeshNode node;
    private final ExecutorMeshScheduler scheduler;
    private final MeshWatcher watcher;
    private final Optional<GroupMembership> group;
    private final TransportCounters counters;

    private CoapMesh(MeshNode node, ExecutorMeshScheduler scheduler, MeshWatcher watcher,
            Optional<GroupMembership> group, TransportCounters counters) {
        this.node = node;
        this.scheduler = scheduler;
        this.watcher = watcher;
        this.group = group;
        this.counters = counters;
    }

    /**
     * Starts the mesh of the node with {@code identity} on a running CoAP server.
     *
     * @param tunnelKey the node's X25519 private key ({@code tunnel.key}), which authenticates its links
     * @param endpoint the server's {@code coap://} endpoint (built with {@link HopLimitOption#REGISTRY})
     * @param root the server's resource root; {@code /mesh} is mounted there
     * @param ble the node's BLE link, if it has one running (its owner closes it)
     * @param changes hears neighbour and route changes, in order, on the thread that made them, holding the mesh node's lock (it must be quick)
     * @param originators which requests from a source that is not a mesh neighbour this node
     *     relays as its own, and pays for (others are refused 4.01)
     * @param sharing whether the node relays requests from neighbours to other nodes now
     * @throws io.smartshare.node.coap.CoapStartException if the group cannot be joined
     */
    public static CoapMesh start(NodeIdentity identity, byte[] tunnelKey, CoapEndpoint endpoint, Resource root, Configuration coapConfig,
            CoapMeshOptions options, Optional<MeshTransport> ble, Consumer<MeshChange> changes,
            Predicate<Request> originators, BooleanSupplier sharing) {
        Optional<GroupMembership> group = options.interfaceName().map(name -> GroupMembership.join(name,
                options.groupPort(), (UDPConnector) endpoint.getConnector(), coapConfig));
        ExecutorMeshScheduler scheduler = new ExecutorMeshScheduler();
        List<InetSocketAddress> targets = new ArrayList<>();
        group.ifPresent(g -> targets.add(g.group()));
        targets.addAll(options.peers());
        ReliabilityLayerParameters reliability = ReliabilityLayerParameters.builder().applyConfig(coapConfig)
                .ackTimeout(ACK_TIMEOUT_MILLIS).maxRetransmit(MAX_RETRANSMIT).build();
        TransportCounters counters = new TransportCounters();
        MeshTransport ip = new CoapMeshTransport(endpoint, targets, reliability, counters);
        MeshTransport transport = ble.<MeshTransport>map(b -> new MediaTransport(Map.of(Medium.IP, ip, Medium.BLE, b)))
                .orElse(ip);
        MeshNode node = MeshNode.builder(identity, transport, scheduler)
                .tunnelKey(tunnelKey)
                .config(config(options))
                .build();
        CoapResource mesh = new CoapResource("mesh");
        mesh.add(new MeshNeighborsResource(node, counters), new MeshRoutesResource(node),
                new MeshRelayResource(node, root, endpoint, reliability, counters, originators, sharing), new MeshEchoResource());
        root.add(mesh);
        root.add(new MeshFrameResource(node, counters, options.maxNeighbors()));
        options.uplinkKbps().ifPresent(kbps -> node.setUplink(true, kbps));
        node.start();
        MeshWatcher watcher = new MeshWatcher(node, changes);
        watcher.start();
        LOG.info("event=mesh_listening node={} group={} peers={} ble={} gateway={}", identity.nodeId(),
                group.map(g -> g.group().toString()).orElse("none"), options.peers().size(), ble.isPresent(),
                options.uplinkKbps().isPresent());
        return new CoapMesh(node, scheduler, watcher, group, counters);
    }

    private static MeshConfig config(CoapMeshOptions options) {
        MeshConfig d = MeshConfig.defaults();
        return new MeshConfig(d.heartbeatIntervalMillis(), d.missedHeartbeatsForDeath(), d.timeoutsForDeath(),
                d.trickleIminMillis(), d.trickleDoublings(), d.trickleRedundancy(), d.registrationRefreshMillis(),
                d.registrationLifetimeSeconds(), d.hopLimit(), options.maxNeighbors(), d.helloBurst(),
                d.hellosPerSecond(), d.neighborPurgeMillis(), d.repairMinIntervalMillis(), d.unicastProbes());
    }

    /** The running node (routes, neighbours, relay counts). */
    public MeshNode node() {
        return node;
    }

    /** CoAP bytes of mesh frames this node has sent: its control traffic. */
    public long controlBytesSent() {
        return counters.controlBytesSent();
    }

    @Override
    public void close() {
        watcher.stop();
        node.stop();
        scheduler.close();
        group.ifPresent(GroupMembership::close);
    }
}
