package io.smartshare.node.uplink;

import io.smartshare.hal.config.ConfigMap;
import io.smartshare.hal.dataplane.DataPlaneException;
import io.smartshare.hal.dataplane.IpPrefix;
import io.smartshare.hal.health.DriverHealth;
import io.smartshare.ledger.identity.TunnelKeyFile;
import io.smartshare.node.lifecycle.Activation;
import io.smartshare.node.lifecycle.NodeContext;
import io.smartshare.node.lifecycle.NodeService;
import io.smartshare.node.lifecycle.ServiceConfig;
import io.smartshare.node.mesh.coap.MeshView;
import io.smartshare.node.mesh.wire.Registration;
import io.smartshare.node.scheduling.PeriodicTask;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uplink sharing (docs/uplink.md): a WireGuard interface whose peers are the mesh's live
 * neighbours, keyed by the tunnel keys their signed hellos carry, with mesh addresses derived
 * from node ids, LAN prefixes announced with registrations, routes that follow the mesh's
 * parent and registrations, and NAT at a gateway, synced every second through the board's
 * data plane. Section {@code uplink:} of the operator config: {@code listen-port} (default
 * {@value #DEFAULT_PORT}) and {@code ipv4-pool} (default 100.64.0.0/10), both the same on
 * every node of a mesh, {@code lan-prefixes} (this node's LAN, at most 4), and {@code
 * share-cap-kbps} and {@code neighbour-cap-kbps} (what it forwards for neighbours, in all and
 * for each; no limit when absent). Without the
 * data plane (no CAP_NET_ADMIN, no WireGuard) the service stays up as {@code absent} in
 * {@code /health} with the reason, and the rest of the node runs.
 */
public final class UplinkService implements NodeService {
    /** WireGuard's usual port. */
    public static final int DEFAULT_PORT = 51820;
    /** Interface names: this, then the first 12 characters of the node id after "ss" (15 in all, the kernel's limit). */
    static final String INTERFACE_PREFIX = "ssw";
    private static final Logger LOG = LoggerFactory.getLogger(UplinkService.class);

    private int listenPort;
    private IpPrefix ipv4Pool;
    private List<IpPrefix> lan;
    private ShareCaps caps;
    private Optional<Uplink> uplink = Optional.empty();
    private Optional<PeriodicTask> task = Optional.empty();
    private volatile Optional<String> absentBecause = Optional.empty();
    private String driver = "none";

    @Override
    public String name() {
        return "uplink";
    }

    @Override
    public Set<String> needs() {
        return Set.of("mesh");
    }

    @Override
    public Activation configure(ServiceConfig config) {
        ConfigMap section = config.section();
        listenPort = (int) (long) section.optionalInteger("listen-port", 1, 65_535).orElse((long) DEFAULT_PORT);
        try {
            ipv4Pool = MeshAddresses.checkPool(section.optionalString("ipv4-pool").map(IpPrefix::parse)
                    .orElse(MeshAddresses.DEFAULT_IPV4_POOL));
        } catch (IllegalArgumentException e) {
            throw section.invalid("ipv4-pool", e.getMessage());
        }
        try {
            lan = Registration.Target.announceable(section.stringList("lan-prefixes").stream().map(IpPrefix::parse).toList());
        } catch (IllegalArgumentException e) {
            throw section.invalid("lan-prefixes", e.getMessage());
        }
        caps = new ShareCaps(section.optionalInteger("share-cap-kbps", 1, Integer.MAX_VALUE).orElse(0L),
                section.optionalInteger("neighbour-cap-kbps", 1, Integer.MAX_VALUE).orElse(0L));
        return Activation.run();
    }

    @Override
    public void start(NodeContext context) {
        MeshView mesh = context.find(MeshView.class).orElseThrow(() -> new IllegalStateException("mesh view missing"));
        String name = interfaceName(mesh.node().id().value());
        driver = context.board().dataPlane().driver();
        byte[] key = TunnelKeyFile.loadOrCreate(context.dataDir().resolve(TunnelKeyFile.FILE_NAME), new SecureRandom());
        try {
            Uplink opened = Uplink.open(mesh, context.board().dataPlane(), name, key,
                    new TunnelPlan.Local(mesh.node().id(), ipv4Pool, lan, listenPort), caps);
            uplink = Optional.of(opened);
            task = Optional.of(context.scheduler().everyBlocking("uplink-tunnels", () -> Uplink.SYNC_INTERVAL,
                    opened::sync));
            context.provide(TunnelMeter.class, opened.tunnelMeter());
            context.provide(RelayGate.class, opened);
            LOG.info("event=uplink-started interface={} listen-port={} lan={}", name, listenPort, lan);
        } catch (DataPlaneException e) {
            absentBecause = Optional.of(e.getMessage());
            LOG.warn("event=uplink-absent reason=\"{}\"", e.getMessage());
        }
        context.coap().root().add(new UplinkResource(() -> uplink.map(Uplink::document)
                .orElseGet(() -> Map.of("state", "absent", "reason", absentBecause.orElse("not started")))));
    }

    static String interfaceName(String nodeId) {
        return INTERFACE_PREFIX + nodeId.substring(2, 14);
    }

    @Override
    public List<DriverHealth> health() {
        if (absentBecause.isPresent()) {
            return List.of(DriverHealth.absent("uplink", driver, absentBecause.get()));
        }
        Optional<String> error = uplink.flatMap(Uplink::lastError);
        return List.of(error.map(e -> DriverHealth.degraded("uplink", driver, e))
                .orElseGet(() -> DriverHealth.up("uplink", driver)));
    }

    @Override
    public void stop() throws Exception {
        task.ifPresent(PeriodicTask::cancel);
        if (uplink.isPresent()) {
            uplink.get().close();
        }
    }
}
