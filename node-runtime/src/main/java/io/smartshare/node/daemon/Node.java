package io.smartshare.node.daemon;

import io.smartshare.hal.board.BoardFiles;
import io.smartshare.hal.board.BoardSpec;
import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.identity.KeyFile;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.storage.StorageException;
import io.smartshare.node.coap.NodeCoapServer;
import io.smartshare.node.coap.Uptime;
import io.smartshare.node.config.NodeConfig;
import io.smartshare.node.config.NodeConfigReader;
import io.smartshare.node.config.SettingsStore;
import io.smartshare.node.health.ComponentHealth;
import io.smartshare.node.ledger.LedgerResources;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node: board, data dir, identity, settings, ledger and CoAP server, started in
 * that order and closed in reverse. Configuration errors surface as
 * {@link io.smartshare.hal.config.ConfigException}, other start failures as
 * {@link StartupException}; either way nothing is left running.
 */
public final class Node implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Node.class);
    /** The key file's name inside the data dir. */
    public static final String KEY_FILE = "node.key";

    private final DataDir dataDir;
    private final Ledger ledger;
    private final NodeCoapServer coap;

    private Node(DataDir dataDir, Ledger ledger, NodeCoapServer coap) {
        this.dataDir = dataDir;
        this.ledger = ledger;
        this.coap = coap;
    }

    /** Starts a node as {@code options} say. */
    public static Node start(RunOptions options) {
        Uptime uptime = new Uptime();
        BoardSpec board = BoardFiles.resolve(options.board());
        NodeConfig config = options.configFile().map(NodeConfigReader::read).orElseGet(NodeConfig::defaults);
        config = options.coapPort().map(config::withCoapPort).orElse(config);
        config = options.coapsPort().map(config::withCoapsPort).orElse(config);
        DataDir dataDir = DataDir.open(options.dataDir().orElse(Path.of(board.defaultDataDir())));
        List<AutoCloseable> opened = new ArrayList<>(List.of(dataDir));
        try {
            NodeIdentity identity = loadIdentity(dataDir);
            SettingsStore settings = SettingsStore.open(dataDir.path(), config.settings());
            Ledger ledger = openLedger(dataDir, identity);
            opened.add(ledger);
            NodeCoapServer coap = NodeCoapServer.start(config,
                    new NodeCoapServer.NodeFacts(identity, Version.current(), board.name(), uptime), settings,
                    () -> List.of(ComponentHealth.up("coap"), ComponentHealth.up("identity")),
                    List.of(LedgerResources.create(ledger)));
            LOG.info("event=started node={} board={} data-dir={} version={}", identity.nodeId(), board.name(),
                    dataDir.path(), Version.current());
            return new Node(dataDir, ledger, coap);
        } catch (RuntimeException e) {
            closeAll(opened, e);
            throw e;
        }
    }

    private static Ledger openLedger(DataDir dataDir, NodeIdentity identity) {
        try {
            Ledger ledger = Ledger.open(dataDir.path(), identity);
            ledger.recovery().ifPresent(cut -> LOG.warn("event=ledger-recovered file={} offset={} dropped-bytes={}"
                    + " reason=\"{}\"", cut.file(), cut.offset(), cut.bytesDropped(), cut.reason()));
            return ledger;
        } catch (StorageException e) {
            throw new StartupException("ledger in " + dataDir.resolve("ledger") + ": " + e.getMessage(), e);
        }
    }

    /** Loads the identity in {@code dataDir}, creating one on the first start. */
    public static NodeIdentity loadIdentity(DataDir dataDir) {
        return KeyFile.loadOrCreate(dataDir.resolve(KEY_FILE), new SecureRandom());
    }

    public int coapPort() {
        return coap.coapPort();
    }

    /** Stops accepting requests, flushes the ledger and releases everything. */
    @Override
    public void close() {
        coap.close();
        ledger.close();
        try {
            dataDir.close();
        } catch (IOException e) {
            LOG.warn("event=data-dir-unlock-failed error=\"{}\"", e.toString());
        }
        LOG.info("event=stopped");
    }

    private static void closeAll(List<AutoCloseable> opened, RuntimeException cause) {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                cause.addSuppressed(e);
            }
        }
    }
}
