package io.smartshare.node.lifecycle;

import io.smartshare.hal.device.Board;
import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.coap.NodeCoapServer;
import io.smartshare.node.coap.WriteAuthorization;
import io.smartshare.node.config.SettingsStore;
import io.smartshare.node.events.EventBus;
import io.smartshare.node.scheduling.NodeScheduler;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What every service shares: the node's identity, ledger, board, data dir and settings, its
 * timers, its CoAP server, write authorisation and event bus; and the places where services
 * plug in their metering counters ({@link #addCounters}), their {@code /metrics} sections
 * ({@link #addMetrics}) and the views they offer each other ({@link #provide}, {@link #find}:
 * the mesh service provides the mesh view, {@code MeshView}). Thread-safe.
 */
public final class NodeContext {
    private final NodeIdentity identity;
    private final Ledger ledger;
    private final BooleanSupplier ledgerWritable;
    private final Board board;
    private final Path dataDir;
    private final SettingsStore settings;
    private final NodeScheduler scheduler;
    private final NodeCoapServer coap;
    private final WriteAuthorization writers;
    private final EventBus events;
    private final CompositeCounters counters = new CompositeCounters();
    private final Map<String, Supplier<Map<String, Object>>> metrics;
    private final Map<Class<?>, Object> views = new ConcurrentHashMap<>();

    /**
     * @param ledgerWritable whether appends can succeed now (false while a full disk has failed the ledger)
     * @param metrics where {@link #addMetrics} puts {@code /metrics} sections (the server reads it per request)
     */
    public NodeContext(NodeIdentity identity, Ledger ledger, BooleanSupplier ledgerWritable, Board board,
            Path dataDir, SettingsStore settings, NodeScheduler scheduler, NodeCoapServer coap,
            WriteAuthorization writers, EventBus events, Map<String, Supplier<Map<String, Object>>> metrics) {
        this.identity = identity;
        this.ledger = ledger;
        this.ledgerWritable = ledgerWritable;
        this.board = board;
        this.dataDir = dataDir;
        this.settings = settings;
        this.scheduler = scheduler;
        this.coap = coap;
        this.writers = writers;
        this.events = events;
        this.metrics = metrics;
    }

    public NodeIdentity identity() {
        return identity;
    }

    /** The node's own ledger; appends fail while it is down (full disk), see {@code /health}. */
    public Ledger ledger() {
        return ledger;
    }

    /** Whether ledger appends can succeed now; false while the ledger has failed (a full disk) and not yet reopened. */
    public BooleanSupplier ledgerWritable() {
        return ledgerWritable;
    }

    public Board board() {
        return board;
    }

    /** The node's data directory, locked by this node. */
    public Path dataDir() {
        return dataDir;
    }

    /** The operator's settings, as last written over {@code /config}. */
    public SettingsStore settings() {
        return settings;
    }

    public NodeScheduler scheduler() {
        return scheduler;
    }

    /** The CoAP server: its resource root to mount on, its {@code coap://} endpoint to send from. */
    public NodeCoapServer coap() {
        return coap;
    }

    /** Who may change state over {@code coaps://}. */
    public WriteAuthorization writers() {
        return writers;
    }

    public EventBus events() {
        return events;
    }

    /** Feeds {@code serviceCounters} into the node's per-peer meter from now on. */
    public void addCounters(ServiceCounters serviceCounters) {
        counters.add(serviceCounters);
    }

    /** Every service's counters together, for the meter. */
    public ServiceCounters counters() {
        return counters;
    }

    /** Shows {@code section} in {@code /metrics} under {@code name}, read per request. */
    public void addMetrics(String name, Supplier<Map<String, Object>> section) {
        if (metrics.putIfAbsent(name, section) != null) {
            throw new IllegalArgumentException("a /metrics section named '" + name + "' exists already");
        }
    }

    /** Offers {@code view} to services that start later, by its type. */
    public <T> void provide(Class<T> type, T view) {
        if (views.putIfAbsent(type, Objects.requireNonNull(view, "view")) != null) {
            throw new IllegalArgumentException(type.getSimpleName() + " is provided already");
        }
    }

    /** The view of {@code type} a service started earlier provided, if any. */
    public <T> Optional<T> find(Class<T> type) {
        return Optional.ofNullable(views.get(type)).map(type::cast);
    }
}
