package io.smartshare.node.daemon;

import io.smartshare.hal.Board;
import io.smartshare.hal.board.BoardFiles;
import io.smartshare.hal.board.BoardSpec;
import io.smartshare.hal.board.MeshSpec;
import io.smartshare.hal.config.ConfigException;
import io.smartshare.hal.health.DriverHealth;
import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.identity.KeyFile;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.storage.StorageException;
import io.smartshare.node.coap.NodeCoapServer;
import io.smartshare.node.coap.SmallDeviceCoapConfig;
import io.smartshare.node.coap.Uptime;
import io.smartshare.node.coap.WriteAuthorization;
import io.smartshare.node.config.NodeConfig;
import io.smartshare.node.config.NodeConfigReader;
import io.smartshare.node.config.SettingsStore;
import io.smartshare.node.ledger.HealingLedger;
import io.smartshare.node.ledger.LedgerResources;
import io.smartshare.node.mesh.coap.CoapMesh;
import io.smartshare.node.mesh.coap.CoapMeshOptions;
import io.smartshare.node.mesh.coap.MeshChangeLog;
import io.smartshare.node.mesh.coap.NeighborAddresses;
import io.smartshare.node.metering.BoardMeters;
import io.smartshare.node.metering.LedgerMetering;
import io.smartshare.node.rewards.Rewards;
import io.smartshare.node.sensors.SensorsResource;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.elements.config.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node: board file, data dir, identity, board drivers, settings, ledger,
 * metering, CoAP server, mesh (when the board's mesh section lists the {@code ip}
 * transport; over BLE as well when it also lists {@code ble} and the radio can carry it, see
 * {@link MeshBle}) and rewards (per-peer meter, receipts, {@code /rewards}), started in that
 * order and stopped in reverse. Configuration
 * errors surface as {@link io.smartshare.hal.config.ConfigException}, other start failures
 * as {@link StartupException}; either way nothing is left running.
 */
public final class Node implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Node.class);
    /** The key file's name inside the data dir. */
    public static final String KEY_FILE = "node.key";

    private final List<AutoCloseable> parts;

    private Node(List<AutoCloseable> parts) {
        this.parts = parts;
    }

    /** Starts a node as {@code options} say. */
    public static Node start(RunOptions options) {
        Uptime uptime = new Uptime();
        BoardSpec spec = BoardFiles.resolve(options.board());
        NodeConfig config = options.configFile().map(NodeConfigReader::read).orElseGet(NodeConfig::defaults);
        config = options.coapPort().map(config::withCoapPort).orElse(config);
        config = options.coapsPort().map(config::withCoapsPort).orElse(config);
        DataDir dataDir = DataDir.open(options.dataDir().orElse(Path.of(spec.defaultDataDir())));
        List<AutoCloseable> parts = new ArrayList<>(List.of(dataDir));
        try {
            NodeIdentity identity = loadIdentity(dataDir);
            SettingsStore settings = SettingsStore.open(dataDir.path(), config.settings());
            Board board = Board.open(spec, dataDir.path());
            parts.add(board);
            HealingLedger ledger = openLedger(dataDir, identity);
            parts.add(ledger);
            parts.add(() -> publishFinalCheckpoint(ledger));
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "node-timer"));
            parts.add(() -> stopTimer(timer));
            ledger.startHealing(timer);
            BoardMeters meters = new BoardMeters(board);
            LedgerMetering metering = new LedgerMetering(meters, ledger, ledger::writable,
                    () -> settings.current().meteringIntervalSeconds());
            metering.start(timer);
            parts.add(metering::stop);
            SensorsResource sensors = new SensorsResource(board.sensors(), timer);
            parts.add(sensors::close);
            boolean meshOn = spec.mesh().transports().contains(MeshSpec.Transport.IP);
            MeshBle ble = meshOn ? MeshBle.open(spec.mesh(), board) : MeshBle.none();
            parts.add(ble);
            Configuration cf = SmallDeviceCoapConfig.create();
            WriteAuthorization writers = new WriteAuthorization(config);
            NodeCoapServer coap = NodeCoapServer.start(config, cf, meshOn && options.meshInterface().isPresent(),
                    new NodeCoapServer.NodeFacts(identity, Version.current(), spec.name(), uptime), settings,
                    new NodeCoapServer.Monitoring(() -> health(board, ble, ledger), () -> meterDocument(meters, ledger,
                            metering), timer),
                    List.of(sensors, LedgerResources.create(ledger)));
            parts.add(coap);
            Optional<CoapMesh> mesh = Optional.empty();
            if (meshOn) {
                mesh = Optional.of(CoapMesh.start(identity, coap.coapEndpoint(), coap.root(), cf,
                        new CoapMeshOptions(options.meshInterface(), CoapMeshOptions.DEFAULT_GROUP_PORT,
                                options.meshPeers(), options.uplinkKbps(), spec.mesh().maxNeighbours()),
                        ble.transport(), MeshChangeLog.toLog(), writers::permits));
                parts.add(mesh.get());
                ble.deliverTo(mesh.get().node());
            }
            parts.add(startRewards(new Rewards.Wiring(identity, ledger, dataDir.path(), coap.coapEndpoint(), coap.root(),
                    timer, writers), config, mesh));
            LOG.info("event=started node={} board={} data-dir={} version={} mesh={}", identity.nodeId(), spec.name(),
                    dataDir.path(), Version.current(), meshOn);
            return new Node(parts);
        } catch (RuntimeException e) {
            closeAll(parts).forEach(e::addSuppressed);
            throw e;
        }
    }

    /** Rewards on the running node; a damaged state file in the data dir stops the start (exit 1). */
    private static Rewards startRewards(Rewards.Wiring wiring, NodeConfig config, Optional<CoapMesh> mesh) {
        try {
            return Rewards.start(wiring, config.rewards(), mesh.map(m -> m.node()::carriage),
                    mesh.map(m -> new NeighborAddresses(m.node())));
        } catch (ConfigException e) {
            throw new StartupException("rewards state in the data dir is damaged: " + e.getMessage()
                    + " (move the file away to start from zero: receipts are then refused until counters catch up)", e);
        }
    }

    /** The {@code meters} section of {@code /metrics}: the board's meters, the ledger's state and metering gaps. */
    private static Map<String, Object> meterDocument(BoardMeters meters, HealingLedger ledger, LedgerMetering metering) {
        Map<String, Object> doc = new LinkedHashMap<>(meters.document());
        Map<String, Object> state = new LinkedHashMap<>(ledger.toDocument());
        state.put("missed-metering-intervals", metering.missedIntervals());
        doc.put("ledger", state);
        return doc;
    }

    private static List<DriverHealth> health(Board board, MeshBle ble, HealingLedger ledger) {
        List<DriverHealth> all = new ArrayList<>();
        all.add(DriverHealth.up("coap", "californium"));
        all.add(ledger.health());
        all.addAll(board.health());
        all.addAll(ble.health());
        return all;
    }

    private static HealingLedger openLedger(DataDir dataDir, NodeIdentity identity) {
        try {
            HealingLedger ledger = HealingLedger.open(dataDir.path(), identity);
            ledger.recovery().ifPresent(cut -> LOG.warn("event=ledger-recovered file={} offset={} dropped-bytes={}"
                    + " reason=\"{}\"", cut.file(), cut.offset(), cut.bytesDropped(), cut.reason()));
            return ledger;
        } catch (StorageException e) {
            throw new StartupException("ledger in " + dataDir.resolve("ledger") + ": " + e.getMessage(), e);
        }
    }

    /** Signs what the node metered since the last checkpoint, so a stopped node's log is fully covered. */
    private static void publishFinalCheckpoint(Ledger ledger) throws Exception {
        if (ledger.size() > 0) {
            ledger.publishCheckpoint().get(2, TimeUnit.SECONDS);
        }
    }

    /** Loads the identity in {@code dataDir}, creating one on the first start. */
    public static NodeIdentity loadIdentity(DataDir dataDir) {
        return KeyFile.loadOrCreate(dataDir.resolve(KEY_FILE), new SecureRandom());
    }

    private static void stopTimer(ScheduledExecutorService timer) throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(2, TimeUnit.SECONDS);
    }

    /**
     * Stops accepting requests, stops metering, signs a final checkpoint, closes the ledger
     * and the board's drivers and unlocks the data dir.
     */
    @Override
    public void close() {
        for (Exception problem : closeAll(parts)) {
            LOG.warn("event=stop-problem error=\"{}\"", problem.toString());
        }
        LOG.info("event=stopped");
    }

    /** Closes {@code parts} last to first and returns what failed. */
    private static List<Exception> closeAll(List<AutoCloseable> parts) {
        List<Exception> problems = new ArrayList<>();
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problems.add(e);
            } catch (Exception e) {
                problems.add(e);
            }
        }
        return problems;
    }
}
