package io.smartshare.node.mesh.sim;

import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.identity.TunnelKeyFile;
import io.smartshare.node.coap.CoapStartException;
import io.smartshare.node.coap.HopLimitOption;
import io.smartshare.node.coap.SmallDeviceCoapConfig;
import io.smartshare.node.mesh.MeshConfig;
import io.smartshare.node.mesh.coap.CoapMesh;
import io.smartshare.node.mesh.coap.CoapMeshOptions;
import io.smartshare.node.mesh.coap.MeshChange;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.UDPConnector;
import org.eclipse.californium.elements.util.ExecutorsUtil;
import org.eclipse.californium.elements.util.NamedThreadFactory;

/**
 * Many mesh nodes in one process, each with its own CoAP server on a loopback port and a
 * fresh identity, wired as a {@link Topology} says: a node's only broadcast targets are its
 * topology neighbours (configured peers, no multicast), so the graph is exactly the
 * topology's. The topology's gateways share an uplink. The CoAP servers share one protocol
 * thread pair. For {@code smartshare-node sim} and tests.
 */
public final class LoopbackMesh implements AutoCloseable {
    private static final long GATEWAY_UPLINK_KBPS = 10_000;

    private final Topology topology;
    private final List<NodeIdentity> identities;
    private final Consumer<MeshChange> changes;
    private final Configuration cf = SmallDeviceCoapConfig.create();
    private final ScheduledExecutorService main = ExecutorsUtil.newScheduledThreadPool(1, new NamedThreadFactory("sim-coap#"));
    private final ScheduledExecutorService secondary = ExecutorsUtil.newDefaultSecondaryScheduler("sim-coap-timer#");
    private final InetAddress loopback = InetAddress.getLoopbackAddress();
    private final List<byte[]> tunnelKeys = new ArrayList<>();
    private final List<CoapServer> servers = new ArrayList<>();
    /** Per node, the neighbours whose datagrams it drops (cut links), kept across a revive. */
    private final List<Set<InetSocketAddress>> cuts = new ArrayList<>();
    /** Read by {@link #nodes} from the nodes' own threads without this mesh's lock (see {@link #revive}). */
    private final List<CoapMesh> meshes = new CopyOnWriteArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final Set<Integer> killed = ConcurrentHashMap.newKeySet();

    private LoopbackMesh(Topology topology, List<NodeIdentity> identities, Consumer<MeshChange> changes) {
        this.topology = topology;
        this.identities = identities;
        this.changes = changes;
    }

    /**
     * Who may send requests into the simulated relay: any client on this machine. A simulation
     * has no {@code coaps://} identities and pays nobody, unlike a node ({@link CoapMesh#start}).
     */
    private static final Predicate<Request> LOCAL_CLIENTS =
            request -> request.getSourceContext().getPeerAddress().getAddress().isLoopbackAddress();

    /**
     * Starts one node per topology vertex, node {@code i} with {@code identities.get(i)}.
     *
     * @param changes hears every node's neighbour and route changes
     * @throws CoapStartException if a loopback port cannot be bound
     */
    public static LoopbackMesh start(Topology topology, List<NodeIdentity> identities, Consumer<MeshChange> changes) {
        if (identities.size() != topology.size()) {
            throw new IllegalArgumentException("identities: expected " + topology.size() + ", found " + identities.size());
        }
        LoopbackMesh cluster = new LoopbackMesh(topology, identities, changes);
        try {
            SecureRandom random = new SecureRandom();
            for (int i = 0; i < topology.size(); i++) {
                cluster.tunnelKeys.add(TunnelKeyFile.generate(random));
                cluster.cuts.add(ConcurrentHashMap.newKeySet());
                cluster.servers.add(cluster.startServer(i, 0));
                cluster.ports.add(cluster.servers.get(i).getEndpoints().get(0).getAddress().getPort());
            }
            for (int i = 0; i < topology.size(); i++) {
                cluster.meshes.add(cluster.startMesh(i));
            }
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Node {@code i}'s CoAP server on loopback {@code port} (0: any free one), deaf to its cut links. */
    private CoapServer startServer(int i, int port) {
        CoapServer server = new CoapServer(cf);
        server.setExecutors(main, secondary, true);
        CuttableConnector connector = new CuttableConnector(new UDPConnector(new InetSocketAddress(loopback, port), cf),
                cuts.get(i));
        CoapEndpoint endpoint = CoapEndpoint.builder().setConfiguration(cf).setConnector(connector)
                .setOptionRegistry(HopLimitOption.REGISTRY).setLoggingTag("sim-" + i).build();
        server.addEndpoint(endpoint);
        try {
            endpoint.start();
        } catch (IOException e) {
            server.destroy();
            throw new CoapStartException("sim node " + i + ": cannot bind a loopback port: " + e.getMessage(), e);
        }
        server.start();
        return server;
    }

    /** Node {@code i}'s mesh, its topology neighbours as peers; a gateway of the topology shares an uplink. */
    private CoapMesh startMesh(int i) {
        List<InetSocketAddress> peers = Arrays.stream(topology.neighborsOf(i)).mapToObj(this::address).toList();
        boolean gateway = topology.isGateway(i);
        CoapMeshOptions options = new CoapMeshOptions(Optional.empty(), CoapMeshOptions.DEFAULT_GROUP_PORT, peers,
                gateway ? Optional.of(GATEWAY_UPLINK_KBPS) : Optional.empty(), MeshConfig.defaults().maxNeighbors());
        CoapServer server = servers.get(i);
        return CoapMesh.start(identities.get(i), tunnelKeys.get(i), (CoapEndpoint) server.getEndpoints().get(0),
                server.getRoot(), cf, options, Optional.empty(), changes, LOCAL_CLIENTS, () -> true);
    }

    private InetSocketAddress address(int i) {
        return new InetSocketAddress(loopback, ports.get(i));
    }

    /** The running nodes, in topology order (without the killed ones). */
    public List<CoapMesh> nodes() {
        List<CoapMesh> live = new ArrayList<>();
        for (int i = 0; i < meshes.size(); i++) {
            if (!killed.contains(i)) {
                live.add(meshes.get(i));
            }
        }
        return live;
    }

    /**
     * Stops node {@code index} at once, as a crash would to its neighbours: its mesh stops and
     * its UDP port closes, so it answers nothing. A node is killed once, until revived.
     */
    public synchronized void kill(int index) {
        if (killed.add(index)) {
            if (index < meshes.size()) {
                meshes.get(index).close();
            }
            servers.get(index).destroy();
        }
    }

    /**
     * Starts killed node {@code index} again, as a node rebooting: the same identity and port,
     * a fresh mesh state that rejoins its neighbours. Nothing happens to a live node.
     *
     * @throws CoapStartException if its port was taken meanwhile
     */
    public synchronized void revive(int index) {
        if (killed.contains(index)) {
            servers.set(index, startServer(index, ports.get(index)));
            meshes.set(index, startMesh(index));
            killed.remove(index);
        }
    }

    /**
     * Cuts the link between nodes {@code a} and {@code b} for good: neither hears the other
     * from now on, also after either is revived.
     */
    public void cut(int a, int b) {
        cuts.get(a).add(address(b));
        cuts.get(b).add(address(a));
    }

    /** Whether node {@code index} was killed. */
    public boolean killed(int index) {
        return killed.contains(index);
    }

    /** The resource tree of node {@code index}, for mounting an application resource on it. */
    public Resource root(int index) {
        return servers.get(index).getRoot();
    }

    /** The loopback UDP port of node {@code index}'s {@code coap://} endpoint. */
    public int coapPort(int index) {
        return ports.get(index);
    }

    @Override
    public synchronized void close() {
        for (int i = 0; i < servers.size(); i++) { // also the servers of a start that failed before their meshes
            kill(i);
        }
        main.shutdownNow();
        secondary.shutdownNow();
    }
}
