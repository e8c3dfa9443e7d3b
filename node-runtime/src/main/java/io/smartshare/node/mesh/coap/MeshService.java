package io.smartshare.node.mesh.coap;

import io.smartshare.hal.board.MeshSpec;
import io.smartshare.hal.config.ConfigMap;
import io.smartshare.hal.health.DriverHealth;
import io.smartshare.ledger.identity.TunnelKeyFile;
import io.smartshare.node.lifecycle.Activation;
import io.smartshare.node.lifecycle.NodeContext;
import io.smartshare.node.lifecycle.NodeService;
import io.smartshare.node.lifecycle.ServiceConfig;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mesh as a service: runs when the board's mesh section lists the {@code ip} transport
 * (over BLE as well when it lists {@code ble} and the radio can carry it, {@link MeshBle}).
 * Its section of the operator config:
 * <pre>
 * mesh:
 *   interface: eth0             # join the All-CoAP-Nodes group on it; none: peers only
 *   peers: ["10.201.1.2:5683"]  # neighbours also reached by unicast
 *   uplink-kbps: 10000          # share an uplink of this capacity: the node is a gateway
 * </pre>
 * {@code run --mesh-interface}, {@code --mesh-peers} and {@code --uplink} override these keys.
 * Neighbour and route changes are logged and published on the event bus ({@link MeshChange});
 * later services find the mesh as a {@link MeshView}.
 */
public final class MeshService implements NodeService {
    private static final Logger LOG = LoggerFactory.getLogger(MeshService.class);

    private MeshSpec spec;
    private CoapMeshOptions options;
    private MeshBle ble = MeshBle.none();
    private Optional<CoapMesh> mesh = Optional.empty();

    @Override
    public String name() {
        return "mesh";
    }

    @Override
    public Activation configure(ServiceConfig config) {
        ConfigMap section = config.section();
        Optional<String> iface = config.options().meshInterface().or(() -> section.optionalString("interface"));
        List<InetSocketAddress> peers = new ArrayList<>(config.options().meshPeers());
        List<String> configured = section.stringList("peers");
        if (peers.isEmpty()) {
            for (String peer : configured) {
                try {
                    peers.add(CoapMeshOptions.parsePeer(peer));
                } catch (IllegalArgumentException e) {
                    throw section.invalid("peers", e.getMessage());
                }
            }
        }
        Optional<Long> uplink = config.options().uplinkKbps()
                .or(() -> section.optionalInteger("uplink-kbps", 1, Integer.MAX_VALUE));
        spec = config.board().mesh();
        if (!spec.transports().contains(MeshSpec.Transport.IP)) {
            return Activation.off("the board's mesh section does not list the ip transport");
        }
        options = new CoapMeshOptions(iface, CoapMeshOptions.DEFAULT_GROUP_PORT, peers, uplink, spec.maxNeighbours());
        if (iface.isPresent()) {
            config.coap().shareCoapPort();
        }
        return Activation.run();
    }

    @Override
    public void start(NodeContext context) {
        ble = MeshBle.open(spec, context.board());
        byte[] tunnelKey = TunnelKeyFile.loadOrCreate(context.dataDir().resolve(TunnelKeyFile.FILE_NAME),
                new SecureRandom());
        CoapMesh started = CoapMesh.start(context.identity(), tunnelKey, context.coap().coapEndpoint(), context.coap().root(),
                context.coap().configuration(), options, ble.transport(), change -> {
                    LOG.info(change.line());
                    context.events().publish(change);
                }, context.writers()::permits, () -> context.settings().current().shareBandwidth());
        mesh = Optional.of(started);
        ble.deliverTo(started.node());
        context.provide(MeshView.class, new MeshView(started.node(), new NeighborAddresses(started.node()),
                options.uplinkKbps().map(OptionalLong::of).orElse(OptionalLong.empty())));
    }

    @Override
    public List<DriverHealth> health() {
        return ble.health();
    }

    @Override
    public void stop() {
        mesh.ifPresent(CoapMesh::close);
        ble.close();
    }
}
