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
import io.smartshare.node.mesh.sim.Topology;
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
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.config.Configuration;
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

    private final List<CoapServer> servers;
    private final List<CoapMesh> meshes;
    private final List<Integer> ports;
    private final ScheduledExecutorService main;
    private final ScheduledExecutorService secondary;
    private final Set<Integer> killed = ConcurrentHashMap.newKeySet();

    private LoopbackMesh(List<CoapServer> servers, List<CoapMesh> meshes, List<Integer> ports,
            ScheduledExecutorService main, ScheduledExecutorService secondary) {
        this.servers = servers;
        this.meshes = meshes;
        this.ports = ports;
        this.main = main;
        this.secondary = secondary;
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
        Configuration cf = SmallDeviceCoapConfig.create();
        ScheduledExecutorService main = ExecutorsUtil.newScheduledThreadPool(1, new NamedThreadFactory("sim-coap#"));
        ScheduledExecutorService secondary = ExecutorsUtil.newDefaultSecondaryScheduler("sim-coap-timer#");
        List<CoapServer> servers = new ArrayList<>();
        List<CoapMesh> meshes = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        LoopbackMesh cluster = new LoopbackMesh(servers, meshes, ports, main, secondary);
        try {
            InetAddress loopback = InetAddress.getLoopbackAddress();
            SecureRandom random = new SecureRandom();
            for (int i = 0; i < topology.size(); i++) {
                CoapServer server = new CoapServer(cf);
                server.setExecutors(main, secondary, true);
                CoapEndpoint endpoint = CoapEndpoint.builder().setConfiguration(cf)
                        .setInetSocketAddress(new InetSocketAddress(loopback, 0))
                        .setOptionRegistry(HopLimitOption.REGISTRY).setLoggingTag("sim-" + i).build();
                server.addEndpoint(endpoint);
                servers.add(server);
                try {
                    endpoint.start();
                } catch (IOException e) {
                    throw new CoapStartException("sim node " + i + ": cannot bind a loopback port: " + e.getMessage(), e);
                }
                server.start();
                ports.add(endpoint.getAddress().getPort());
            }
            int[][] neighbors = topology.neighbors();
            List<Integer> gateways = Arrays.stream(topology.gateways()).boxed().toList();
            for (int i = 0; i < topology.size(); i++) {
                List<InetSocketAddress> peers = Arrays.stream(neighbors[i])
                        .mapToObj(j -> new InetSocketAddress(loopback, ports.get(j))).toList();
                CoapServer server = servers.get(i);
                CoapMeshOptions options = new CoapMeshOptions(Optional.empty(), CoapMeshOptions.DEFAULT_GROUP_PORT, peers,
                        gateways.contains(i) ? Optional.of(GATEWAY_UPLINK_KBPS) : Optional.empty(),
                        MeshConfig.defaults().maxNeighbors());
                meshes.add(CoapMesh.start(identities.get(i), TunnelKeyFile.generate(random), (CoapEndpoint) server.getEndpoints().get(0),
                        server.getRoot(), cf, options, Optional.empty(), changes, LOCAL_CLIENTS, () -> true));
            }
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
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
     * its UDP port closes, so it answers nothing. A node is killed once.
     */
    public void kill(int index) {
        if (killed.add(index)) {
            meshes.get(index).close();
            servers.get(index).destroy();
        }
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
    public void close() {
        for (int i = 0; i < meshes.size(); i++) {
            kill(i);
        }
        main.shutdownNow();
        secondary.shutdownNow();
    }
}
