package io.smartshare.node.daemon;

import io.smartshare.hal.board.BoardFiles;
import io.smartshare.hal.board.BoardSpec;
import io.smartshare.hal.device.Board;
import io.smartshare.hal.health.DriverHealth;
import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.identity.KeyFile;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.storage.StorageException;
import io.smartshare.node.coap.NodeCoapServer;
import io.smartshare.node.coap.SmallDeviceCoapConfig;
import io.smartshare.node.coap.Uptime;
import io.smartshare.node.config.NodeConfig;
import io.smartshare.node.config.NodeConfigReader;
import io.smartshare.node.config.SettingsStore;
import io.smartshare.node.events.EventBus;
import io.smartshare.node.ledger.HealingLedger;
import io.smartshare.node.lifecycle.CoapRequests;
import io.smartshare.node.lifecycle.NodeContext;
import io.smartshare.node.lifecycle.NodeService;
import io.smartshare.node.lifecycle.RunOptions;
import io.smartshare.node.lifecycle.RunningServices;
import io.smartshare.node.lifecycle.ServicePlan;
import io.smartshare.node.lifecycle.ServiceStartException;
import io.smartshare.node.scheduling.NodeScheduler;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.californium.elements.config.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node: the core (board file, data dir, identity, settings, board drivers, ledger,
 * timers, event bus, CoAP server with {@code /node}, {@code /health}, {@code /metrics} and
 * {@code /config}) and the services ({@link NodeService}: ledger, metering, sensors, mesh,
 * rewards, and whatever else is installed), started in dependency order and stopped in
 * reverse. Configuration errors surface as {@link io.smartshare.hal.config.ConfigException},
 * a failing service as {@link ServiceStartException} (naming it), other start failures as
 * {@link StartupException}; either way nothing is left running.
 */
public final class Node implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Node.class);
    /** The key file's name inside the data dir. */
    public static final String KEY_FILE = "node.key";

    private final List<AutoCloseable> parts;

    private Node(List<AutoCloseable> parts) {
        this.parts = parts;
    }

    /** Starts a node as {@code options} say, with the {@linkplain Services#installed() installed services}. */
    public static Node start(RunOptions options) {
        return start(options, Services.installed());
    }

    /** Starts a node as {@code options} say, with {@code services}. */
    public static Node start(RunOptions options, List<NodeService> services) {
        return start(options, NodeConfigReader.read(options.configFile()), services);
    }

    /**
     * Starts a node as {@code options} say, with {@code services} and {@code operatorConfig}
     * read from {@code options.configFile()} already ({@code run} reads it first for its log
     * levels, before any logger exists).
     */
    public static Node start(RunOptions options, NodeConfig operatorConfig, List<NodeService> services) {
        Uptime uptime = new Uptime();
        BoardSpec spec = BoardFiles.resolve(options.board());
        NodeConfig config = operatorConfig;
        config = options.coapPort().map(config::withCoapPort).orElse(config);
        config = options.coapsPort().map(config::withCoapsPort).orElse(config);
        CoapRequests coapRequests = new CoapRequests();
        ServicePlan plan = ServicePlan.configure(services, config.sections(), NodeConfig.CORE_SECTIONS, spec, options,
                coapRequests);
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
            NodeScheduler scheduler = NodeScheduler.start();
            parts.add(scheduler);
            EventBus events = new EventBus();
            parts.add(events);
            ledger.publishTo(events::publish);
            ledger.startHealing(scheduler);
            RunningServices running = new RunningServices(plan);
            Map<String, Supplier<Map<String, Object>>> metrics = new ConcurrentHashMap<>();
            metrics.put("ledger", ledger::toDocument);
            metrics.put("tasks", scheduler::toDocument);
            metrics.put("events", events::toDocument);
            Configuration cf = SmallDeviceCoapConfig.create();
            NodeCoapServer coap = NodeCoapServer.start(config, cf, coapRequests.sharedPort(),
                    new NodeCoapServer.NodeFacts(identity, Version.current(), spec.name(), uptime), settings,
                    new NodeCoapServer.Monitoring(() -> health(board, ledger, running), running::statuses, metrics,
                            scheduler));
            parts.add(coap);
            parts.add(running);
            running.start(new NodeContext(identity, ledger, ledger::writable, board, dataDir.path(), settings, scheduler,
                    coap, coap.writers(), events, metrics));
            LOG.info("event=started node={} board={} data-dir={} version={} services={}", identity.nodeId(), spec.name(),
                    dataDir.path(), Version.current(), plan.order().stream().map(NodeService::name).toList());
            AliveFile.start(Optional.ofNullable(System.getenv(AliveFile.VARIABLE)), scheduler, coap);
            return new Node(parts);
        } catch (RuntimeException e) {
            closeAll(parts).forEach(e::addSuppressed);
            throw e;
        }
    }

    private static List<DriverHealth> health(Board board, HealingLedger ledger, RunningServices services) {
        List<DriverHealth> all = new ArrayList<>();
        all.add(DriverHealth.up("coap", "californium"));
        all.add(ledger.health());
        all.addAll(board.health());
        all.addAll(services.health());
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

    /**
     * Stops the services (last started first) and the CoAP server, stops the timers, signs a
     * final checkpoint, closes the ledger and the board's drivers and unlocks the data dir.
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
