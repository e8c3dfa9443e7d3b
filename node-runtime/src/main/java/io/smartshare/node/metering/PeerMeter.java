package io.smartshare.node.metering;

import io.smartshare.contracts.metering.MeterInterval;
import io.smartshare.contracts.metering.MeterKey;
import io.smartshare.contracts.metering.MeterSnapshot;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.metering.Role;
import io.smartshare.hal.config.ConfigMap;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.IdentityException;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.storage.DurableFile;
import io.smartshare.node.json.Json;
import io.smartshare.node.lifecycle.ServiceCounters;
import io.smartshare.node.mesh.forwarding.Carriage;
import io.smartshare.node.mesh.forwarding.CarriageMeter;
import io.smartshare.node.mesh.forwarding.CarriageSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The node's cumulative per-peer meter (docs/contracts.md §5): relay bytes from the mesh's
 * carriage meter, storage and CPU from the {@link ServiceCounters} hook, as contracts'
 * {@link MeterSnapshot}s. The mesh counts from zero at every start; the totals reached before
 * are kept in {@code <data-dir>/meters.json} (written atomically at every {@link #tick}, on
 * stop, and whenever a counter has {@link #drifted()} from its stored value, each when they
 * changed) and added, so counters never go backwards across restarts. A crash loses at most
 * what a counter grew by since it was stored: {@link #SAVE_AFTER_BYTES} or 1 % of the
 * counter, whichever is more, plus what is carried until the next check; the receipt
 * tolerance (2 % plus 16 384 bytes, docs/contracts.md §4.3) absorbs that.
 *
 * <p>Counters are kept by node id (what the mesh knows); a peer enters snapshots once its
 * public key is known ({@link #learnKey}). At most {@link CarriageMeter#MAX_PEERS} peers are
 * metered, stored ones first, then new ones in the order they are first seen; a counter once
 * metered never leaves. A new peer beyond them is carried but not metered (the newest refused,
 * counted by {@link #peerCounts()}): memory and {@code meters.json} stay bounded whatever
 * number of identities a node serves. Thread-safe.
 */
public final class PeerMeter {
    static final String FILE_NAME = "meters.json";
    /** Growth of a stored counter beyond which the totals are stored again: half the tolerance's slack. */
    static final long SAVE_AFTER_BYTES = 8_192;

    private final Path file;
    private final Supplier<CarriageSnapshot> relay;
    private final ServiceCounters services;
    private final Map<NodeId, RelayTotals> base;
    private final Map<NodeId, Ed25519PublicKey> keys;
    /** The peers metered: those stored, then new ones while there is room. */
    private final Set<NodeId> metered;
    private Map<NodeId, RelayTotals> saved;
    private Map<NodeId, Ed25519PublicKey> savedKeys;
    private MeterSnapshot last;
    /** The peer counts of the last reading of the carriage: {@code /metrics} reads them without waiting for one. */
    private volatile PeerCounts counts;
    private volatile Optional<MeterInterval> lastInterval = Optional.empty();

    private PeerMeter(Path file, Supplier<CarriageSnapshot> relay, ServiceCounters services,
            Map<NodeId, RelayTotals> base, Map<NodeId, Ed25519PublicKey> keys, long nowMillis) {
        this.file = file;
        this.relay = relay;
        this.services = services;
        this.base = base;
        this.keys = keys;
        this.metered = new HashSet<>(base.keySet());
        this.counts = new PeerCounts(metered.size(), 0);
        this.saved = sortedById(base);
        this.savedKeys = Map.copyOf(keys);
        this.last = snapshot(nowMillis);
    }

    /**
     * Opens the meter of the node with data dir {@code dataDir}, continuing from its stored
     * totals.
     *
     * @param relay the mesh's carriage counts since this start (empty without a mesh)
     * @throws io.smartshare.hal.config.ConfigException naming file, line and key if the
     *     stored totals are damaged
     */
    public static PeerMeter open(Path dataDir, Supplier<CarriageSnapshot> relay, ServiceCounters services,
            long nowMillis) {
        Path file = dataDir.resolve(FILE_NAME);
        Map<NodeId, RelayTotals> base = new HashMap<>();
        Map<NodeId, Ed25519PublicKey> keys = new HashMap<>();
        if (Files.exists(file)) {
            for (ConfigMap peer : ConfigMap.load(file).mapList("peers")) {
                NodeId id = nodeId(peer);
                base.put(id, new RelayTotals(peer.integer("provided-up", 0, Long.MAX_VALUE),
                        peer.integer("provided-down", 0, Long.MAX_VALUE), peer.integer("consumed-up", 0, Long.MAX_VALUE),
                        peer.integer("consumed-down", 0, Long.MAX_VALUE)));
                key(peer, id).ifPresent(k -> keys.put(id, k));
                peer.requireNoOtherKeys();
            }
        }
        return new PeerMeter(file, relay, services, base, keys, nowMillis);
    }

    private static NodeId nodeId(ConfigMap peer) {
        try {
            return new NodeId(peer.string("id"));
        } catch (IdentityException | IllegalArgumentException e) {
            throw peer.invalid("id", e.getMessage());
        }
    }

    private static Optional<Ed25519PublicKey> key(ConfigMap peer, NodeId id) {
        Optional<String> hex = peer.optionalString("key");
        if (hex.isEmpty()) {
            return Optional.empty();
        }
        try {
            Ed25519PublicKey key = Ed25519PublicKey.of(HexFormat.of().parseHex(hex.get()));
            if (!NodeId.of(key).equals(id)) {
                throw peer.invalid("key", "key of node " + NodeId.of(key) + ", not of " + id);
            }
            return Optional.of(key);
        } catch (IdentityException | IllegalArgumentException e) {
            throw peer.invalid("key", e.getMessage());
        }
    }

    /** The cumulative counters at {@code atMillis} of every peer whose key is known. */
    public synchronized MeterSnapshot snapshot(long atMillis) {
        Map<MeterKey, Long> counters = new HashMap<>(services.cumulative(atMillis));
        totals().forEach((id, t) -> {
            Ed25519PublicKey peer = keys.get(id);
            if (peer != null) {
                put(counters, peer, Resource.RELAY_UP, Role.PROVIDED, t.providedUp());
                put(counters, peer, Resource.RELAY_DOWN, Role.PROVIDED, t.providedDown());
                put(counters, peer, Resource.RELAY_UP, Role.CONSUMED, t.consumedUp());
                put(counters, peer, Resource.RELAY_DOWN, Role.CONSUMED, t.consumedDown());
            }
        });
        return new MeterSnapshot(atMillis, counters);
    }

    private static void put(Map<MeterKey, Long> counters, Ed25519PublicKey peer, Resource resource, Role role,
            long amount) {
        if (amount > 0) {
            counters.put(new MeterKey(peer, resource, role), amount);
        }
    }

    /** Relay bytes ({@code relay.up} plus {@code relay.down}) with every metered peer in {@code role}, cumulative. */
    public synchronized long relayBytes(Role role) {
        long sum = 0;
        for (RelayTotals t : totals().values()) {
            sum = Math.addExact(sum, role == Role.PROVIDED ? t.providedUp() + t.providedDown()
                    : t.consumedUp() + t.consumedDown());
        }
        return sum;
    }

    /**
     * The relay service ({@code relay.up} plus {@code relay.down}) this node provided to each
     * metered peer, cumulative like the snapshots, whether or not its key is known yet.
     */
    public synchronized Map<NodeId, Long> relayProvided() {
        Map<NodeId, Long> provided = new HashMap<>();
        totals().forEach((id, t) -> {
            if (t.providedUp() > 0 || t.providedDown() > 0) {
                provided.put(id, Math.addExact(t.providedUp(), t.providedDown()));
            }
        });
        return provided;
    }

    /** Records {@code key} as the key of its node id, if that peer has counters. */
    public synchronized void learnKey(Ed25519PublicKey key) {
        NodeId id = NodeId.of(key);
        if (totals().containsKey(id)) {
            keys.putIfAbsent(id, key);
        }
    }

    /** Peers that served this node and whose key is not known yet (to be asked for it). */
    public synchronized Set<NodeId> providersWithoutKey() {
        Set<NodeId> unknown = new HashSet<>();
        totals().forEach((id, t) -> {
            if (!keys.containsKey(id) && (t.consumedUp() > 0 || t.consumedDown() > 0)) {
                unknown.add(id);
            }
        });
        return unknown;
    }

    /**
     * Closes a metering interval at {@code atMillis}: stores the totals and returns the
     * snapshot with what was metered since the previous tick.
     *
     * @throws IOException if the totals cannot be stored (the previous copy stays)
     */
    public synchronized MeterSnapshot tick(long atMillis) throws IOException {
        MeterSnapshot now = snapshot(atMillis);
        save();
        if (now.atMillis() > last.atMillis()) {
            lastInterval = Optional.of(MeterInterval.between(last, now));
            last = now;
        }
        return now;
    }

    /** What was metered between the last two ticks, if there were two; never waits for a reading (see {@link #peerCounts}). */
    public Optional<MeterInterval> lastInterval() {
        return lastInterval;
    }

    /**
     * Whether a counter grew, since the totals were last stored, by more than {@link
     * #SAVE_AFTER_BYTES} or 1 % of its stored value, whichever is more: then {@link #save()}
     * should run, so that a crash cannot lose more than the receipt tolerance forgives.
     */
    public synchronized boolean drifted() {
        for (Map.Entry<NodeId, RelayTotals> entry : totals().entrySet()) {
            RelayTotals was = saved.getOrDefault(entry.getKey(), RelayTotals.ZERO);
            RelayTotals now = entry.getValue();
            if (beyond(was.providedUp(), now.providedUp()) || beyond(was.providedDown(), now.providedDown())
                    || beyond(was.consumedUp(), now.consumedUp()) || beyond(was.consumedDown(), now.consumedDown())) {
                return true;
            }
        }
        return false;
    }

    private static boolean beyond(long stored, long now) {
        return now - stored > Math.max(SAVE_AFTER_BYTES, stored / 100);
    }

    /** Stores the totals now (on stop). */
    public synchronized void save() throws IOException {
        Map<NodeId, RelayTotals> totals = sortedById(totals());
        if (totals.equals(saved) && keys.equals(savedKeys)) {
            return; // nothing new: spare the flash
        }
        List<Object> peers = new ArrayList<>();
        totals.forEach((id, t) -> {
            Map<String, Object> peer = new LinkedHashMap<>();
            peer.put("id", id.value());
            Optional.ofNullable(keys.get(id)).ifPresent(k -> peer.put("key", HexFormat.of().formatHex(k.encoded())));
            peer.put("provided-up", t.providedUp());
            peer.put("provided-down", t.providedDown());
            peer.put("consumed-up", t.consumedUp());
            peer.put("consumed-down", t.consumedDown());
            peers.add(peer);
        });
        DurableFile.replace(file, (Json.write(Map.of("peers", peers)) + "\n").getBytes(StandardCharsets.UTF_8));
        saved = totals;
        savedKeys = Map.copyOf(keys);
    }

    private static Map<NodeId, RelayTotals> sortedById(Map<NodeId, RelayTotals> totals) {
        Map<NodeId, RelayTotals> sorted = new TreeMap<>(Comparator.comparing(NodeId::value));
        sorted.putAll(totals);
        return sorted;
    }

    /**
     * How many peers are metered, and how many live ones are not because {@link
     * CarriageMeter#MAX_PEERS} are metered already, as the last reading of the carriage found
     * them.
     *
     * @param metered peers metered
     * @param unmetered live peers carried but not metered
     */
    public record PeerCounts(int metered, long unmetered) {
    }

    /**
     * The peers metered and not metered at the last reading of the carriage (the node reads it
     * every second): never waits for a reading, which is a read of the tunnel's counters where
     * the uplink runs (it is asked from the CoAP thread, which also carries the mesh's frames).
     */
    public PeerCounts peerCounts() {
        return counts;
    }

    private void admit(CarriageSnapshot live) {
        TreeMap<String, NodeId> fresh = new TreeMap<>(); // in id order: the same peers win in every run
        for (Set<NodeId> ids : List.of(live.providedTo().keySet(), live.consumedFrom().keySet())) {
            ids.stream().filter(id -> !metered.contains(id)).forEach(id -> fresh.put(id.value(), id));
        }
        for (NodeId id : fresh.values()) {
            if (metered.size() >= CarriageMeter.MAX_PEERS) {
                return;
            }
            metered.add(id);
        }
    }

    private Map<NodeId, RelayTotals> totals() {
        CarriageSnapshot live = relay.get();
        admit(live);
        Set<NodeId> unmetered = new HashSet<>(live.providedTo().keySet());
        unmetered.addAll(live.consumedFrom().keySet());
        unmetered.removeAll(metered);
        counts = new PeerCounts(metered.size(), unmetered.size());
        Map<NodeId, RelayTotals> totals = new HashMap<>();
        for (NodeId id : metered) {
            totals.put(id, base.getOrDefault(id, RelayTotals.ZERO).plus(
                    live.providedTo().getOrDefault(id, Carriage.ZERO), live.consumedFrom().getOrDefault(id, Carriage.ZERO)));
        }
        return totals;
    }

}
