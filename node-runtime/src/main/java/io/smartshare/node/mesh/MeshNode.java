package io.smartshare.node.mesh;

import io.smartshare.hal.dataplane.IpPrefix;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.mesh.auth.LinkAuth;
import io.smartshare.node.mesh.auth.LinkAuthCounters;
import io.smartshare.node.mesh.auth.OfferVerdict;
import io.smartshare.node.mesh.auth.Opened;
import io.smartshare.node.mesh.auth.ParkedFrames;
import io.smartshare.node.mesh.clock.MeshScheduler;
import io.smartshare.node.mesh.forwarding.CarriageMeter;
import io.smartshare.node.mesh.forwarding.CarriageSnapshot;
import io.smartshare.node.mesh.forwarding.Forwarder;
import io.smartshare.node.mesh.forwarding.ForwardingDecision;
import io.smartshare.node.mesh.forwarding.ForwardingDecision.DropReason;
import io.smartshare.node.mesh.forwarding.RelayMeter;
import io.smartshare.node.mesh.forwarding.RelaySnapshot;
import io.smartshare.node.mesh.hello.HelloCounters;
import io.smartshare.node.mesh.hello.HelloGate;
import io.smartshare.node.mesh.hello.HelloSigner;
import io.smartshare.node.mesh.hello.HelloVerdict;
import io.smartshare.node.mesh.hello.HelloVerifier;
import io.smartshare.node.mesh.link.Delivery;
import io.smartshare.node.mesh.link.LinkAddress;
import io.smartshare.node.mesh.link.Medium;
import io.smartshare.node.mesh.neighbor.Expiry;
import io.smartshare.node.mesh.neighbor.Heard;
import io.smartshare.node.mesh.neighbor.NeighborTable;
import io.smartshare.node.mesh.neighbor.NeighborView;
import io.smartshare.node.mesh.routing.Rank;
import io.smartshare.node.mesh.routing.Registrar;
import io.smartshare.node.mesh.routing.RepairPolicy;
import io.smartshare.node.mesh.routing.RoutingChange;
import io.smartshare.node.mesh.routing.RoutingEngine;
import io.smartshare.node.mesh.trickle.TrickleTimer;
import io.smartshare.node.mesh.wire.DataPacket;
import io.smartshare.node.mesh.wire.Frame;
import io.smartshare.node.mesh.wire.FrameCodec;
import io.smartshare.node.mesh.wire.Heartbeat;
import io.smartshare.node.mesh.wire.Hello;
import io.smartshare.node.mesh.wire.KeyCache;
import io.smartshare.node.mesh.wire.KeyOffer;
import io.smartshare.node.mesh.wire.MalformedFrameException;
import io.smartshare.node.mesh.wire.Probe;
import io.smartshare.node.mesh.wire.RefreshRequest;
import io.smartshare.node.mesh.wire.Registration;
import io.smartshare.node.mesh.wire.RepairRequest;
import io.smartshare.node.mesh.wire.Sealed;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of the mesh (docs/mesh-protocol.md): discovery by signed hellos on a Trickle
 * timer, liveness by heartbeats and probes, parent selection towards gateways, downward
 * routes from registrations, hop-by-hop forwarding with per-peer byte accounting. Every frame
 * but the signed hello is authenticated per link ({@link LinkAuth}): heartbeats by a beacon
 * tag, unicast frames sealed; a frame that fails is dropped and never proves a link alive.
 *
 * <p>The node touches the outside world only through a {@link MeshTransport} and a {@link
 * MeshScheduler}, so the same code runs in the daemon and in the simulator. Every public
 * method is thread-safe (the node is a monitor); reads return immutable snapshots.
 */
public final class MeshNode {
    private static final Logger LOG = LoggerFactory.getLogger(MeshNode.class);
    private static final long MAX_REPAIR_BACKOFF_MILLIS = 32_000;

    private final NodeId self;
    private final MeshConfig config;
    private final MeshTransport transport;
    private final MeshScheduler scheduler;
    private final Random random;
    private final Consumer<DataPacket> inbox;
    private final HelloGate gate;
    private final HelloSigner signer;
    private final NeighborTable neighbors;
    private final RoutingEngine routing;
    private final Registrar registrar;
    private final RelayMeter meter = new RelayMeter();
    private final CarriageMeter carriage = new CarriageMeter();
    private final TrickleTimer trickle;
    private final Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
    /** Data packets sent confirmable and not yet acknowledged, by next hop. */
    private final Map<NodeId, List<InFlight>> inFlight = new HashMap<>();
    private final KeyCache keys;
    private final LinkAuth linkAuth;
    private final ParkedFrames parked = new ParkedFrames();
    private long announcedSession;
    private long relayPrice;
    private long delivered;
    private long forwarded;
    private long nextRepairAtMillis;
    private long repairBackoffMillis;
    private long lastEpochRepairMillis = Long.MIN_VALUE / 2;
    private long tableFull;
    private boolean running;
    private MeshScheduler.Cancellable tick = () -> { };
    private MeshScheduler.Cancellable livenessCheck = () -> { };
    private MeshScheduler.Cancellable refresh = () -> { };
    private Runnable observer = () -> { };

    MeshNode(MeshNodeBuilder b) {
        this.self = b.identity.nodeId();
        this.config = b.config;
        this.transport = b.transport;
        this.scheduler = b.scheduler;
        this.random = b.random;
        this.inbox = b.inbox;
        this.neighbors = new NeighborTable(config.maxNeighbors(), config.deadAfterMillis(), config.suspectAfterMillis(),
                config.probeIntervalMillis(), config.timeoutsForDeath(), config.neighborPurgeMillis());
        this.gate = new HelloGate(b.verifier, config.helloBurst(), config.hellosPerSecond(), 4 * config.maxNeighbors(),
                key -> neighbors.knows(NodeId.of(key)), scheduler.nowMillis());
        this.linkAuth = new LinkAuth(b.tunnelKey, b.firstHelloSequence, new SecureRandom());
        this.announcedSession = linkAuth.session();
        this.signer = new HelloSigner(b.identity, linkAuth.tunnelPublicKey(), b.firstHelloSequence);
        this.routing = new RoutingEngine(self);
        // the hello sequence is time-based (microseconds); its millisecond part orders path sequences across restarts
        this.registrar = new Registrar(self, config.registrationLifetimeSeconds(), b.firstHelloSequence / 1000);
        this.keys = new KeyCache(4 * config.maxNeighbors());
        this.trickle = new TrickleTimer(scheduler, random, config.trickleIminMillis(), config.trickleDoublings(),
                config.trickleRedundancy(), guarded(this::sendHello));
        this.repairBackoffMillis = config.repairMinIntervalMillis();
    }

    /** Starts assembling a node with {@link MeshConfig#defaults()}. */
    public static MeshNodeBuilder builder(NodeIdentity identity, MeshTransport transport, MeshScheduler scheduler) {
        return new MeshNodeBuilder(identity, transport, scheduler);
    }

    /** This node's id. */
    public NodeId id() {
        return self;
    }

    /** Starts the timers: hellos, heartbeats, registration refresh. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        react(routing.reselect(neighbors.candidates()));
        trickle.start();
        nextRepairAtMillis = scheduler.nowMillis() + config.trickleIminMillis();
        scheduleTick();
        scheduleRefresh();
        LOG.info("event=mesh_started node={} gateway={}", self, routing.gateway());
    }

    /**
     * Runs {@code observer} after everything that may change the neighbour table or this
     * node's place in the tree: a frame handled, a timer fired, a delivery reported, the uplink
     * set. It runs on the thread that made the change, holding this node's lock, so it sees
     * each change in order and must be quick (it replaces any observer set before).
     */
    public synchronized void observe(Runnable observer) {
        this.observer = observer;
    }

    /** Stops every timer; frames received afterwards are ignored. */
    public synchronized void stop() {
        running = false;
        trickle.stop();
        tick.cancel();
        livenessCheck.cancel();
        refresh.cancel();
        LOG.info("event=mesh_stopped node={}", self);
    }

    /**
     * Sets the prefixes this node announces with its registrations (its LAN, for the uplink's
     * routes); a change is registered with the parent at once.
     *
     * @throws IllegalArgumentException if there are more than a registration carries, or one has host bits set
     */
    public synchronized void announce(List<IpPrefix> prefixes) {
        if (registrar.announce(prefixes) && running) {
            registerWithParent(List.of(registrar.refresh()));
        }
    }

    /**
     * Reports this node's uplink. With an uplink the node is a gateway (a DODAG root); losing
     * it makes the subtree fail over to other gateways.
     */
    public synchronized void setUplink(boolean up, long kbps) {
        react(routing.setUplink(up, kbps, neighbors.candidates()));
        observer.run();
    }

    /**
     * Sets the relay price this node's hellos advertise from the next one on: micro-tokens per
     * 1,000,000 bytes relayed, 0 for none (docs/uplink.md "Pay to relay").
     *
     * @throws IllegalArgumentException if it is negative or above {@link Hello#MAX_RELAY_PRICE}
     */
    public synchronized void setRelayPrice(long microTokensPerMegabyte) {
        if (microTokensPerMegabyte < 0 || microTokensPerMegabyte > Hello.MAX_RELAY_PRICE) {
            throw new IllegalArgumentException("relay price: expected 0.." + Hello.MAX_RELAY_PRICE
                    + " micro-tokens per MB, found " + microTokensPerMegabyte);
        }
        relayPrice = microTokensPerMegabyte;
    }

    /** Hands a datagram received from the link to the node. Malformed or unauthenticated input is counted and dropped. */
    public synchronized void onFrame(LinkAddress from, byte[] datagram) {
        if (!running) {
            return;
        }
        handleFrame(from, datagram);
        observer.run();
    }

    private void handleFrame(LinkAddress from, byte[] datagram) {
        Frame frame;
        try {
            frame = FrameCodec.decode(datagram, keys);
        } catch (MalformedFrameException e) {
            malformed(from, e);
            return;
        }
        long now = scheduler.nowMillis();
        if (frame instanceof Hello hello) {
            onHello(from, hello, now);
        } else if (frame instanceof KeyOffer offer) {
            onKeyOffer(from, offer, now);
        } else if (frame instanceof Heartbeat beat) {
            onHeartbeat(from, beat, now);
        } else if (frame instanceof Sealed sealed) {
            onSealed(from, sealed, now);
        } else if (frame instanceof RepairRequest request) {
            onRepairRequest(request, neighbors.idAt(from), now); // multicast by nodes without a parent: bare
        } else {
            linkAuth.countUnsealed();
        }
    }

    private void malformed(LinkAddress from, MalformedFrameException e) {
        gate.countMalformed();
        LOG.debug("event=frame_malformed from={} reason=\"{}\"", from, e.getMessage());
    }

    private void onHeartbeat(LinkAddress from, Heartbeat beat, long now) {
        Optional<NodeId> sender = neighbors.idAt(from);
        if (sender.isEmpty()) {
            return;
        }
        OptionalLong counter = linkAuth.verify(sender.get(), beat, now);
        if (counter.isPresent()) {
            onHeard(from, neighbors.heartbeat(from, counter.getAsLong(), now));
        } else {
            askForKeys(sender.get(), from, now);
        }
    }

    private void onSealed(LinkAddress from, Sealed sealed, long now) {
        Optional<NodeId> sender = neighbors.idAt(from);
        if (sender.isPresent() && linkAuth.hasKeysOf(sender.get())) {
            openAndHandle(sender.get(), from, sealed, now);
            return;
        }
        // a new neighbour can send before its hello or key offer reaches us: keep the frame, ask for what is missing
        parked.park(from, sealed);
        if (sender.isPresent()) {
            askForKeys(sender.get(), from, now);
        } else {
            transport.unicast(from, FrameCodec.encode(new RepairRequest(routing.epoch(), Rank.INFINITE)));
        }
    }

    private void openAndHandle(NodeId sender, LinkAddress from, Sealed sealed, long now) {
        Opened opened = linkAuth.open(sender, sealed);
        if (opened.verdict() != Opened.Verdict.OPENED) {
            if (opened.verdict() != Opened.Verdict.REPLAYED) { // a duplicate tells nothing about the keys
                askForKeys(sender, from, now);
            }
            return;
        }
        Frame inner;
        try {
            inner = FrameCodec.decodeSealedInner(opened.inner().orElseThrow(), keys);
        } catch (MalformedFrameException e) {
            malformed(from, e);
            return;
        }
        onHeard(from, neighbors.heardFrom(from, now));
        if (inner instanceof Registration registration) {
            relayUpward(registrar.learn(sender, registration.targets(), routing.parent(), now));
        } else if (inner instanceof RepairRequest request) {
            onRepairRequest(request, Optional.of(sender), now);
        } else if (inner instanceof RefreshRequest) {
            if (Optional.of(sender).equals(routing.parent())) {
                reregisterSubtree(now);
            }
        } else if (inner instanceof Probe probe) {
            if (probe.answerRequested()) {
                sendSealed(sender, from, new Probe(false), false);
            }
        } else if (inner instanceof DataPacket packet) {
            route(packet, Optional.of(sender), true, false);
        }
    }

    private void onKeyOffer(LinkAddress from, KeyOffer offer, long now) {
        Optional<NodeId> sender = neighbors.idAt(from);
        if (sender.isEmpty()) {
            linkAuth.accept(null, offer);
            return;
        }
        boolean rekeyed = linkAuth.hasKeysOf(sender.get());
        OfferVerdict verdict = linkAuth.accept(sender.get(), offer);
        if (verdict != OfferVerdict.INSTALLED && verdict != OfferVerdict.CURRENT) {
            return;
        }
        // only the holder of the tunnel key its signed hello names could make the offer, and it came from there
        neighbors.keyed(sender.get());
        if (offer.replyRequested() && linkAuth.mayReply(sender.get(), now)) {
            sendOffer(sender.get(), from);
        }
        if (verdict == OfferVerdict.INSTALLED) {
            applyParked(from, now);
            if (rekeyed && routing.parent().equals(sender)) {
                // a new session of the parent: it restarted, and lost the routes to this subtree
                reregisterSubtree(now);
            } else if (rekeyed && registrar.children(now).contains(sender.get())) {
                // a child restarted: its registration may have come before these keys and been refused
                askToReregister(sender.get());
            }
        }
    }

    /**
     * {@code neighbor}'s frames do not verify: it may have restarted (new session) and not know
     * this node any more. Sends it a fresh hello and this node's keys, asking for its own; at
     * most every {@link LinkAuth#ASK_INTERVAL_MILLIS} ms per neighbour.
     */
    private void askForKeys(NodeId neighbor, LinkAddress at, long now) {
        if (!linkAuth.mayAsk(neighbor, now)) {
            return;
        }
        transport.unicast(at, FrameCodec.encode(signHello()));
        // keys held for it may be its earlier run's, or out of step: ask either way
        sendOffer(neighbor, at, true);
    }

    /** This node's keys to {@code neighbor}, asking for its keys unless they are installed. */
    private void sendOffer(NodeId neighbor, LinkAddress at) {
        sendOffer(neighbor, at, !linkAuth.hasKeysOf(neighbor));
    }

    private void sendOffer(NodeId neighbor, LinkAddress at, boolean replyRequested) {
        linkAuth.offer(neighbor, replyRequested).ifPresent(offer -> confirmable(neighbor, at, FrameCodec.encode(offer)));
    }

    /** Seals {@code inner} for {@code neighbor} and sends it, NON or CON. */
    private void sendSealed(NodeId neighbor, LinkAddress at, Frame inner, boolean confirmable) {
        Optional<byte[]> sealed = seal(neighbor, inner);
        if (sealed.isEmpty()) {
            return;
        }
        if (confirmable) {
            confirmable(neighbor, at, sealed.get());
        } else {
            transport.unicast(at, sealed.get());
        }
    }

    /**
     * The bytes of {@code inner} sealed for {@code neighbor}, empty if its tunnel key is
     * unknown; offers the new keys to every neighbour if sealing began a new session.
     */
    private Optional<byte[]> seal(NodeId neighbor, Frame inner) {
        Optional<byte[]> sealed = linkAuth.seal(neighbor, FrameCodec.encode(inner)).map(FrameCodec::encode);
        offerIfNewSession();
        return sealed;
    }

    /** After 2^32-1 sealed frames or heartbeats a new session began: every neighbour gets its keys. */
    private void offerIfNewSession() {
        if (linkAuth.session() != announcedSession) {
            announcedSession = linkAuth.session();
            for (LinkAddress address : neighbors.liveAddresses()) {
                neighbors.idAt(address).ifPresent(id -> sendOffer(id, address));
            }
        }
    }

    /**
     * Sends {@code payload} to {@code destination} through the mesh with this node's hop
     * limit, and says what happened to it here.
     */
    public synchronized ForwardingDecision send(NodeId destination, byte[] payload) {
        return route(new DataPacket(config.hopLimit(), self, destination, payload), Optional.empty(), false, false);
    }

    /**
     * Reports the outcome of a confirmable exchange with the neighbour at {@code link} made
     * outside the mesh (e.g. a CoAP request the daemon sent to it): feeds that link's ETX and
     * failure detection.
     */
    public synchronized void reportDelivery(LinkAddress link, Delivery outcome) {
        neighbors.idAt(link).ifPresent(neighbor -> onDelivery(neighbor, link, outcome));
    }

    /** The neighbour table, for {@code /mesh/neighbors}. */
    public synchronized List<NeighborView> neighbors() {
        return neighbors.views(scheduler.nowMillis());
    }

    /** The upward position only (cheap; used by the simulator's loop check). */
    public synchronized RoutePosition position() {
        return new RoutePosition(routing.gateway(), routing.epoch(), routing.rank(), routing.parent(), routing.backups());
    }

    /** Upward and downward routes, for {@code /mesh/routes}. */
    public synchronized RoutesView routes() {
        return new RoutesView(self, position(), registrar.views(scheduler.nowMillis()), registrar.routesRefused());
    }

    /** Bytes relayed per upstream and downstream peer, for metering. */
    public synchronized RelaySnapshot relayBytes() {
        return meter.snapshot();
    }

    /**
     * Where this node would send a packet for {@code destination} next, over {@code medium}:
     * the neighbour on a registered route down, else the preferred parent; empty when it is
     * this node, or when there is no route or the next hop has no live link on that medium.
     * For relays that carry their own payload outside data frames (hop-by-hop CoAP forwarding,
     * which only IP carries).
     */
    public synchronized Optional<LinkAddress> nextHop(NodeId destination, Medium medium) {
        if (destination.equals(self)) {
            return Optional.empty();
        }
        Optional<NodeId> next = registrar.nextHop(destination, scheduler.nowMillis()).or(routing::parent);
        return next.flatMap(id -> neighbors.addressOf(id, medium));
    }

    /** The live neighbour heard at {@code address}, if any. */
    public synchronized Optional<NodeId> neighborAt(LinkAddress address) {
        return neighbors.idAt(address).filter(neighbors::isAlive);
    }

    /**
     * Counts {@code bytes} relayed outside data frames (a forwarded CoAP exchange) from
     * {@code upstream} to {@code downstream} in the relay meter.
     */
    public synchronized void recordRelay(NodeId upstream, NodeId downstream, int bytes) {
        meter.relayed(upstream, downstream, bytes);
    }

    /**
     * Counts one relayed CoAP exchange that was answered (not with a 5.xx): {@code up}
     * request and {@code down} response payload bytes carried for {@code upstream} (when the
     * request came from a mesh neighbour) and by {@code downstream} (when it is not the target).
     */
    public synchronized void recordCarriage(Optional<NodeId> upstream, NodeId downstream, boolean downstreamIsTarget,
            int up, int down) {
        upstream.ifPresent(u -> carriage.carriedFor(u, up, down));
        if (!downstreamIsTarget) {
            carriage.carriedBy(downstream, up, down);
        }
    }

    /**
     * Relayed packets and exchanges not counted for a peer because the relay meters were full
     * ({@link CarriageMeter#MAX_PEERS} peers each).
     */
    public synchronized long relayPeersRefused() {
        return meter.peersRefused() + carriage.peersRefused();
    }

    /** Relay service per neighbour in the direction of service, for receipts. */
    public synchronized CarriageSnapshot carriage() {
        return carriage.snapshot();
    }

    /** Accepted hellos from new nodes that the neighbour table, full of live neighbours, had no room for. */
    public synchronized long neighborTableRefusals() {
        return tableFull;
    }

    /** Neighbours not established that left the full table for a newcomer. */
    public synchronized long neighborTableEvictions() {
        return neighbors.newcomerEvictions();
    }

    /** Neighbours that proved their link by acknowledging a confirmable frame. */
    public synchronized int establishedNeighbors() {
        return neighbors.established();
    }

    /** Hello admission counters. */
    public synchronized HelloCounters helloCounters() {
        return gate.counters();
    }

    /**
     * {@code inner} sealed by this node for {@code neighbor}: lets a test make this node say
     * what an insider could (a registration of a target it cannot reach, say).
     */
    synchronized byte[] sealFor(NodeId neighbor, Frame inner) {
        return seal(neighbor, inner).orElseThrow();
    }

    /**
     * The tunnel (X25519) key {@code neighbor}'s signed hello named, for uplink sharing's
     * WireGuard peers; empty for a node that is not in the neighbour table.
     */
    public synchronized Optional<byte[]> tunnelKeyOf(NodeId neighbor) {
        return linkAuth.tunnelKeyOf(neighbor);
    }

    /** Link authentication counters. */
    public synchronized LinkAuthCounters linkAuthCounters() {
        return linkAuth.counters();
    }

    /** Data packet counters. */
    public synchronized ForwardingCounters forwardingCounters() {
        return new ForwardingCounters(delivered, forwarded, drops);
    }

    private void onHello(LinkAddress from, Hello hello, long now) {
        if (hello.publicKey().equals(signerKey())) {
            return; // our own multicast looped back
        }
        HelloVerdict verdict = gate.admit(from, hello, now);
        if (verdict == HelloVerdict.SIGHTED) {
            Heard heard = neighbors.sighted(from, hello, now);
            onHeard(from, heard);
            applyParked(from, now);
            return;
        }
        if (verdict != HelloVerdict.ACCEPTED) {
            return;
        }
        boolean newcomer = !neighbors.knows(hello.sender());
        if (!neighbors.helloAccepted(from, hello, now)) {
            tableFull++;
            return;
        }
        linkAuth.know(hello.sender(), hello.tunnelKey());
        if (newcomer || !linkAuth.hasKeysOf(hello.sender()) && linkAuth.mayAsk(hello.sender(), now)) {
            sendOffer(hello.sender(), from);
        }
        applyParked(from, now);
        if (hello.epoch() == routing.epoch()) {
            trickle.hearConsistent();
        } else {
            trickle.reset();
        }
        react(routing.reselect(neighbors.candidates()));
    }

    /** Sealed frames parked from {@code from} before its sender's hello and keys were here, now opened. */
    private void applyParked(LinkAddress from, long now) {
        Optional<NodeId> sender = neighbors.idAt(from).filter(linkAuth::hasKeysOf);
        if (sender.isPresent()) {
            parked.unpark(from).forEach(sealed -> openAndHandle(sender.get(), from, sealed, now));
        }
    }

    private void onHeard(LinkAddress from, Heard heard) {
        switch (heard) {
            case UNKNOWN, ALIVE -> { }
            case ESTIMATE_CHANGED -> react(routing.reselect(neighbors.candidates()));
            case REVIVED -> {
                // its rank may be stale (it may have rebooted): ask it for a fresh hello
                transport.unicast(from, FrameCodec.encode(new RepairRequest(routing.epoch(), Rank.INFINITE)));
                react(routing.reselect(neighbors.candidates()));
            }
        }
    }

    private void relayUpward(List<Registration.Target> changed) {
        if (!routing.gateway()) {
            registerWithParent(changed);
        }
    }

    /**
     * @param sender the neighbour it came from, if known: only then may it start a new epoch
     *     (bare, multicast by a node that lost its parent, it is not authenticated: the repair
     *     interval bounds what a spoofed one costs)
     */
    private void onRepairRequest(RepairRequest request, Optional<NodeId> sender, long now) {
        switch (RepairPolicy.decide(request, routing.attached(), routing.epoch(), routing.rank())) {
            case IGNORE -> { }
            case ADVERTISE -> trickle.reset();
            case NEW_EPOCH -> {
                if (now - lastEpochRepairMillis < config.repairMinIntervalMillis() || sender.isEmpty()) {
                    return;
                }
                lastEpochRepairMillis = now;
                if (routing.gateway()) {
                    react(routing.startNewEpoch(request.epoch()));
                } else {
                    routing.parent().ifPresent(parent -> neighbors.addressOf(parent).ifPresent(address ->
                            sendSealed(parent, address, new RepairRequest(request.epoch(), 0), true)));
                }
            }
        }
    }

    /**
     * @param relay true for a packet received from {@code previousHop} (hop limit checked and decremented)
     * @param rerouted true when sending again because the first next hop died (never twice)
     */
    private ForwardingDecision route(DataPacket packet, Optional<NodeId> previousHop, boolean relay, boolean rerouted) {
        long now = scheduler.nowMillis();
        ForwardingDecision decision = Forwarder.decide(self, packet, previousHop, relay,
                registrar.nextHop(packet.destination(), now), routing.parent());
        if (decision instanceof ForwardingDecision.Forward forward) {
            Optional<LinkAddress> address = neighbors.addressOf(forward.nextHop());
            if (address.isEmpty()) {
                decision = new ForwardingDecision.Drop(DropReason.NEXT_HOP_DOWN);
            } else {
                forwarded++;
                sendData(forward.nextHop(), new InFlight(forward.packet(), previousHop, rerouted, address.get()));
            }
        }
        if (decision instanceof ForwardingDecision.Deliver deliver) {
            delivered++;
            inbox.accept(deliver.packet());
        } else if (decision instanceof ForwardingDecision.Drop drop) {
            drops.merge(drop.reason(), 1L, Long::sum);
            LOG.debug("event=packet_dropped node={} reason={} destination={} hopLimit={}", self, drop.reason(),
                    packet.destination(), packet.hopLimit());
        }
        return decision;
    }

    private void sendData(NodeId next, InFlight sent) {
        Optional<byte[]> sealed = seal(next, sent.packet());
        if (sealed.isEmpty()) {
            drops.merge(DropReason.NEXT_HOP_DOWN, 1L, Long::sum);
            return;
        }
        inFlight.computeIfAbsent(next, n -> new ArrayList<>()).add(sent);
        byte[] bytes = sealed.get();
        LinkAddress address = sent.over();
        transport.confirmable(address, bytes, outcome -> {
            synchronized (this) {
                List<InFlight> pending = inFlight.get(next);
                boolean stillOurs = pending != null && pending.remove(sent);
                if (outcome instanceof Delivery.Acknowledged) {
                    sent.previousHop().ifPresent(prev -> meter.relayed(prev, next, bytes.length));
                } else if (stillOurs) {
                    drops.merge(DropReason.LINK_FAILED, 1L, Long::sum);
                }
                onDelivery(next, address, outcome);
            }
        });
    }

    /** {@code dead} will not acknowledge what it was sent: send it along the new route, once. */
    private void reroute(NodeId dead) {
        List<InFlight> stranded = inFlight.remove(dead);
        if (stranded != null) {
            resend(stranded);
        }
    }

    /**
     * The link {@code lost} died while its neighbour lives on over another: what was sent over
     * it and not yet acknowledged goes again, once, along the route as it is now (which uses
     * the neighbour's other link).
     */
    private void rerouteLink(LinkAddress lost) {
        neighbors.idAt(lost).map(inFlight::get).ifPresent(pending -> {
            List<InFlight> stranded = pending.stream().filter(f -> f.over().equals(lost)).toList();
            pending.removeAll(stranded);
            resend(stranded);
        });
    }

    private void resend(List<InFlight> stranded) {
        for (InFlight f : stranded) {
            if (f.rerouted()) {
                drops.merge(DropReason.LINK_FAILED, 1L, Long::sum);
            } else {
                route(f.packet(), f.previousHop(), false, true);
            }
        }
    }

    /** A data packet handed to a next hop over link {@code over}, awaiting its acknowledgement. */
    private record InFlight(DataPacket packet, Optional<NodeId> previousHop, boolean rerouted, LinkAddress over) {
    }

    private void react(RoutingChange change) {
        if (change.advertiseNow()) {
            trickle.reset();
        }
        if (change.parentChanged() && routing.parent().isPresent()) {
            long now = scheduler.nowMillis();
            registerWithParent(List.of(registrar.newParent(routing.parent().get())));
            askChildrenToReregister(now);
            // the former parent may have made this node its parent meanwhile (a restarted node can
            // hear a stale rank first): its registration was refused then, so it is asked again;
            // a node whose parent is another ignores the request
            change.formerParent().ifPresent(this::askToReregister);
        }
        if (routing.attached()) {
            repairBackoffMillis = config.repairMinIntervalMillis();
        } else if (change.poisoned()) {
            nextRepairAtMillis = scheduler.nowMillis();
            sendRepairIfDue();
        }
    }

    /** Our parent moved: register again with a new path sequence, and have the subtree do the same. */
    private void reregisterSubtree(long now) {
        registerWithParent(List.of(registrar.refresh()));
        askChildrenToReregister(now);
    }

    private void askChildrenToReregister(long now) {
        registrar.children(now).forEach(this::askToReregister);
    }

    /** A REFRESH_REQUEST to {@code neighbor}, which registers again only if this node is its parent. */
    private void askToReregister(NodeId neighbor) {
        neighbors.addressOf(neighbor).ifPresent(address -> sendSealed(neighbor, address, new RefreshRequest(), true));
    }

    private void registerWithParent(List<Registration.Target> targets) {
        Optional<NodeId> parent = routing.parent();
        Optional<LinkAddress> address = parent.flatMap(neighbors::addressOf);
        if (address.isEmpty()) {
            return;
        }
        List<Registration.Target> chunk = new ArrayList<>();
        int size = 2;
        for (Registration.Target t : targets) {
            if (chunk.size() == Registration.MAX_TARGETS || size + t.size() > Registration.MAX_SIZE) {
                sendSealed(parent.get(), address.get(), new Registration(chunk), true);
                chunk = new ArrayList<>();
                size = 2;
            }
            chunk.add(t);
            size += t.size();
        }
        if (!chunk.isEmpty()) {
            sendSealed(parent.get(), address.get(), new Registration(chunk), true);
        }
    }

    private void confirmable(NodeId neighbor, LinkAddress address, byte[] frame) {
        transport.confirmable(address, frame, outcome -> {
            synchronized (this) {
                onDelivery(neighbor, address, outcome);
            }
        });
    }

    private void onDelivery(NodeId neighbor, LinkAddress over, Delivery outcome) {
        if (!running) {
            return;
        }
        boolean died = neighbors.delivery(over, outcome, scheduler.nowMillis());
        if (died) {
            LOG.info("event=neighbor_dead node={} neighbor={} cause=con_timeouts", self, neighbor);
        }
        react(routing.reselect(neighbors.candidates()));
        if (died) {
            reroute(neighbor);
        } else if (outcome instanceof Delivery.TimedOut && neighbors.isAlive(neighbor)
                && neighbors.addressOf(neighbor, over.medium()).isEmpty()) {
            rerouteLink(over);
        }
        observer.run();
    }

    private Hello signHello() {
        return signer.sign(routing.gateway(), routing.rank(), routing.epoch(), routing.uplinkKbps(), relayPrice);
    }

    private void sendHello() {
        byte[] bytes = FrameCodec.encode(signHello());
        transport.multicast(bytes);
        if (config.unicastProbes()) {
            neighbors.liveAddresses().forEach(a -> transport.unicast(a, bytes));
        }
        routing.advertised();
    }

    private void onTick() {
        long now = scheduler.nowMillis();
        if (!neighbors.isEmpty()) {
            // only a neighbour this node handed its keys to can check a heartbeat, and each is in
            // the table until purged: with none, a heartbeat would go to nobody
            transport.multicast(FrameCodec.encode(linkAuth.heartbeat()));
        }
        offerIfNewSession();
        expireNeighbors(now);
        registrar.expire(now);
        sendRepairIfDue();
        scheduleTick();
    }

    /**
     * Declares silent neighbours dead and probes the suspects, then arms the next check for
     * the moment the first live neighbour becomes a suspect, is due for another probe or would
     * die: detection is not rounded up to the next heartbeat tick.
     */
    private void expireNeighbors(long now) {
        Expiry expiry = neighbors.expire(now, registrar::forget);
        linkAuth.retain(neighbors::knows);
        expiry.linksLost().forEach(l -> LOG.info("event=neighbor_link_dead node={} link={} cause=silence", self, l));
        expiry.died().forEach(d -> LOG.info("event=neighbor_dead node={} neighbor={} cause=silence", self, d));
        if (!expiry.died().isEmpty() || !expiry.linksLost().isEmpty()) {
            react(routing.reselect(neighbors.candidates()));
            expiry.died().forEach(this::reroute);
            expiry.linksLost().forEach(this::rerouteLink);
        }
        for (LinkAddress address : neighbors.suspectsToProbe(now)) {
            neighbors.idAt(address).ifPresent(id -> sendSealed(id, address, new Probe(true), false));
        }
        livenessCheck.cancel();
        neighbors.nextCheckMillis(now).ifPresent(at -> livenessCheck = scheduler.schedule(at - now,
                guarded(() -> expireNeighbors(scheduler.nowMillis()))));
    }

    private void sendRepairIfDue() {
        long now = scheduler.nowMillis();
        if (routing.attached() || now < nextRepairAtMillis) {
            return;
        }
        transport.multicast(FrameCodec.encode(new RepairRequest(routing.epoch(), routing.feasibleDistance())));
        nextRepairAtMillis = now + repairBackoffMillis;
        repairBackoffMillis = Math.min(MAX_REPAIR_BACKOFF_MILLIS, repairBackoffMillis * 2);
    }

    private void onRefresh() {
        if (!routing.gateway() && routing.parent().isPresent()) {
            registerWithParent(List.of(registrar.refresh()));
        }
        scheduleRefresh();
    }

    private void scheduleTick() {
        tick = scheduler.schedule(jitter(config.heartbeatIntervalMillis()), guarded(this::onTick));
    }

    private void scheduleRefresh() {
        refresh = scheduler.schedule(jitter(config.registrationRefreshMillis()), guarded(this::onRefresh));
    }

    /** {@code mean} ± 10 %, uniformly. */
    private long jitter(long mean) {
        return mean - mean / 10 + (long) (random.nextDouble() * (mean / 5));
    }

    private Ed25519PublicKey signerKey() {
        return signer.publicKey();
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            synchronized (this) {
                if (running) {
                    task.run();
                    observer.run();
                }
            }
        };
    }
}
