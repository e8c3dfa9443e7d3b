package io.smartshare.node.daemon;

import io.smartshare.hal.board.BoardFiles;
import io.smartshare.hal.board.BoardSpec;
import io.smartshare.hal.board.MeshSpec;
import io.smartshare.ledger.identity.KeyFile;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.coap.NodeCoapServer;
import io.smartshare.node.coap.SmallDeviceCoapConfig;
import io.smartshare.node.coap.Uptime;
import io.smartshare.node.config.NodeConfig;
import io.smartshare.node.config.NodeConfigReader;
import io.smartshare.node.config.SettingsStore;
import io.smartshare.node.health.ComponentHealth;
import io.smartshare.node.mesh.coap.CoapMesh;
import io.smartshare.node.mesh.coap.CoapMeshOptions;
import io.smartshare.node.mesh.coap.MeshChangeLog;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.eclipse.californium.elements.config.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node: board, data dir, identity, settings, CoAP server and mesh (when the
 * board's mesh section lists the {@code ip} transport), started in that order and closed in
 * reverse. Configuration errors surface as
 * {@link io.smartshare.hal.config.ConfigException}, other start failures as
 * {@link StartupException}; either way nothing is left running.
 */
public final class Node implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Node.class);
    /** The key file's name inside the data dir. */
    public static final String KEY_FILE = "node.key";

    private final DataDir dataDir;
    private final NodeCoapServer coap;
    private final Optional<CoapMesh> mesh;

    private Node(DataDir dataDir, NodeCoapServer coap, Optional<CoapMesh> mesh) {
        this.dataDir = dataDir;
        this.coap = coap;
        this.mesh = mesh;
    }

    /** Starts a node as {@code options} say. */
    public static Node start(RunOptions options) {
        Uptime uptime = new Uptime();
        BoardSpec board = BoardFiles.resolve(options.board());
        NodeConfig config = options.configFile().map(NodeConfigReader::read).orElseGet(NodeConfig::defaults);
        config = options.coapPort().map(config::withCoapPort).orElse(config);
        config = options.coapsPort().map(config::withCoapsPort).orElse(config);
        DataDir dataDir = DataDir.open(options.dataDir().orElse(Path.of(board.defaultDataDir())));
        try {
            NodeIdentity identity = loadIdentity(dataDir);
            SettingsStore settings = SettingsStore.open(dataDir.path(), config.settings());
            boolean meshOn = board.mesh().transports().contains(MeshSpec.Transport.IP);
            Configuration cf = SmallDeviceCoapConfig.create();
            NodeCoapServer coap = NodeCoapServer.start(config, cf, meshOn && options.meshInterface().isPresent(),
                    new NodeCoapServer.NodeFacts(identity, Version.current(), board.name(), uptime), settings,
                    () -> List.of(ComponentHealth.up("coap"), ComponentHealth.up("identity")));
            Optional<CoapMesh> mesh;
            try {
                mesh = meshOn ? Optional.of(CoapMesh.start(identity, coap.coapEndpoint(), coap.root(), cf, new CoapMeshOptions(options.meshInterface(),
                        CoapMeshOptions.DEFAULT_GROUP_PORT, options.meshPeers(), options.uplinkKbps(),
                        board.mesh().maxNeighbours()), MeshChangeLog.toLog())) : Optional.empty();
            } catch (RuntimeException e) {
                coap.close();
                throw e;
            }
            LOG.info("event=started node={} board={} data-dir={} version={} mesh={}", identity.nodeId(), board.name(),
                    dataDir.path(), Version.current(), meshOn);
            return new Node(dataDir, coap, mesh);
        } catch (RuntimeException e) {
            closeQuietly(dataDir, e);
            throw e;
        }
    }

    /** Loads the identity in {@code dataDir}, creating one on the first start. */
    public static NodeIdentity loadIdentity(DataDir dataDir) {
        return KeyFile.loadOrCreate(dataDir.resolve(KEY_FILE), new SecureRandom());
    }

    public int coapPort() {
        return coap.coapPort();
    }

    /** Stops accepting requests, flushes and releases everything. */
    @Override
    public void close() {
        mesh.ifPresent(CoapMesh::close);
        coap.close();
        try {
            dataDir.close();
        } catch (IOException e) {
            LOG.warn("event=data-dir-unlock-failed error=\"{}\"", e.toString());
        }
        LOG.info("event=stopped");
    }

    private static void closeQuietly(DataDir dataDir, RuntimeException cause) {
        try {
            dataDir.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
