package io.smartshare.node.mesh.sim;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.mesh.MeshConfig;
import io.smartshare.node.mesh.MeshNode;
import io.smartshare.node.mesh.MeshTransport;
import io.smartshare.node.mesh.RoutePosition;
import io.smartshare.node.mesh.coap.CoapFrameBytes;
import io.smartshare.node.mesh.hello.HelloVerifier;
import io.smartshare.node.mesh.link.Delivery;
import io.smartshare.node.mesh.link.LinkAddress;
import io.smartshare.node.mesh.wire.FrameCodec;
import io.smartshare.node.mesh.wire.Hello;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * N {@link MeshNode}s on one {@link EventLoop}, joined by a lossy, delaying medium that
 * follows a {@link Topology}. Nodes can be killed (all state lost) and revived (a fresh
 * node with the same key), and gateways can lose their uplink. Counts the control traffic each
 * node sends in CoAP bytes as the daemon's transport would encode it ({@link CoapFrameBytes}:
 * NON frames, CON transmissions and their ACKs; UDP/IP headers excluded). Deterministic for a given seed.
 */
public final class SimNetwork {
    private final EventLoop loop = new EventLoop();
    private final Topology topology;
    private final LinkModel link;
    private final MeshConfig config;
    private final long seed;
    private final Random medium;
    private final HelloVerifier verifier = memoisingVerifier();
    private final NodeIdentity[] identities;
    private final LinkAddress[] addresses;
    private final Map<NodeId, Integer> index = new HashMap<>();
    private final MeshNode[] nodes;
    private final boolean[] alive;
    private final boolean[] uplink;
    private final int[] incarnation;
    private final long[] lastKilledMillis;
    private final long[] controlBytes;
    private final long[] controlDatagrams;
    private final Set<Long> deliveredPackets = new HashSet<>();
    private final List<BiConsumer<Integer, byte[]>> multicastTaps = new ArrayList<>();

    public SimNetwork(Topology topology, LinkModel link, MeshConfig config, long seed) {
        this.topology = topology;
        this.link = link;
        this.config = config;
        this.seed = seed;
        this.medium = new Random(seed);
        int n = topology.size();
        identities = new NodeIdentity[n];
        addresses = new LinkAddress[n];
        nodes = new MeshNode[n];
        alive = new boolean[n];
        uplink = new boolean[n];
        incarnation = new int[n];
        lastKilledMillis = new long[n];
        Arrays.fill(lastKilledMillis, Long.MIN_VALUE);
        controlBytes = new long[n];
        controlDatagrams = new long[n];
        Random keys = new Random(seed ^ 0x5eedL);
        for (int i = 0; i < n; i++) {
            byte[] seedBytes = new byte[NodeIdentity.SEED_LENGTH];
            keys.nextBytes(seedBytes);
            identities[i] = NodeIdentity.fromSeed(seedBytes);
            addresses[i] = new LinkAddress("sim:" + i);
            index.put(identities[i].nodeId(), i);
        }
        for (int g : topology.gateways()) {
            uplink[g] = true;
        }
    }

    public EventLoop loop() {
        return loop;
    }

    public Topology topology() {
        return topology;
    }

    public int size() {
        return nodes.length;
    }

    /** Calls {@code tap} with the sender and bytes of every multicast frame sent from now on. */
    public void tapMulticast(BiConsumer<Integer, byte[]> tap) {
        multicastTaps.add(tap);
    }

    /** Boots every node at a random instant within the next {@code spreadMillis}. */
    public void bootAll(long spreadMillis) {
        Random boot = new Random(seed ^ 0xb007L);
        for (int i = 0; i < nodes.length; i++) {
            int node = i;
            loop.schedule((long) (boot.nextDouble() * spreadMillis), () -> revive(node));
        }
    }

    /** Powers node {@code i} off: it stops and forgets everything. */
    public void kill(int i) {
        if (alive[i]) {
            nodes[i].stop();
            lastKilledMillis[i] = loop.nowMillis();
            alive[i] = false;
            incarnation[i]++;
        }
    }

    /** Powers node {@code i} on as a fresh node with its old key. */
    public void revive(int i) {
        if (alive[i]) {
            return;
        }
        int node = i;
        nodes[i] = MeshNode.builder(identities[i], new Transport(i), loop)
                .config(config)
                .random(new Random(seed * 31 + i * 1_000_003L + incarnation[i]))
                .verifier(verifier)
                .firstHelloSequence(loop.nowMillis() * 1000 + 1)
                .inbox(p -> deliveredPackets.add(ByteBuffer.wrap(p.payload()).getLong()))
                .build();
        alive[node] = true;
        nodes[i].start();
        if (uplink[i]) {
            nodes[i].setUplink(true, 10_000);
        }
    }

    /** Gives or takes node {@code i}'s uplink. */
    public void setUplink(int i, boolean up) {
        uplink[i] = up;
        if (alive[i]) {
            nodes[i].setUplink(up, up ? 10_000 : 0);
        }
    }

    public boolean alive(int i) {
        return alive[i];
    }

    /** When node {@code i} was last killed, {@link Long#MIN_VALUE} if never. */
    public long lastKilledMillis(int i) {
        return lastKilledMillis[i];
    }

    public boolean hasUplink(int i) {
        return uplink[i];
    }

    /** The running node {@code i}; only meaningful while it is alive. */
    public MeshNode node(int i) {
        return nodes[i];
    }

    public NodeId id(int i) {
        return identities[i].nodeId();
    }

    /** The index of a node id. */
    public int indexOf(NodeId id) {
        return index.get(id);
    }

    /** Node {@code i}'s route position, empty if it is down. */
    public Optional<RoutePosition> position(int i) {
        return alive[i] ? Optional.of(nodes[i].position()) : Optional.empty();
    }

    /** Sends a test packet tagged {@code tag} from {@code source} to {@code destination}. */
    public void sendTestPacket(int source, int destination, long tag) {
        if (alive[source]) {
            nodes[source].send(id(destination), ByteBuffer.allocate(16).putLong(tag).array());
        }
    }

    /** True if the test packet tagged {@code tag} has reached its destination. */
    public boolean delivered(long tag) {
        return deliveredPackets.contains(tag);
    }

    /**
     * Control traffic node {@code i} sent so far, in CoAP bytes (hellos, heartbeats,
     * registrations, repairs, refresh requests and the ACKs it sent for such frames).
     */
    public long controlBytes(int i) {
        return controlBytes[i];
    }

    /** Control datagrams node {@code i} sent so far. */
    public long controlDatagrams(int i) {
        return controlDatagrams[i];
    }

    private void count(int from, int coapBytes, byte[] frame) {
        if (!FrameCodec.carriesData(frame)) {
            controlBytes[from] += coapBytes;
            controlDatagrams[from]++;
        }
    }


    private boolean survives() {
        return link.loss() == 0 || medium.nextDouble() >= link.loss();
    }

    private long delay() {
        return link.delayMillis() + (link.jitterMillis() == 0 ? 0 : (long) (medium.nextDouble() * (link.jitterMillis() + 1)));
    }

    private void deliver(int from, int to, byte[] frame) {
        if (survives()) {
            loop.schedule(delay(), () -> {
                if (alive[to]) {
                    nodes[to].onFrame(addresses[from], frame);
                }
            });
        }
    }

    private static HelloVerifier memoisingVerifier() {
        HelloVerifier direct = HelloVerifier.direct();
        Map<Hello, Boolean> memo = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Hello, Boolean> eldest) {
                return size() > 8192;
            }
        };
        return hello -> memo.computeIfAbsent(hello, direct::verify);
    }

    /** The medium as one node sees it. */
    private final class Transport implements MeshTransport {
        private final int self;

        Transport(int self) {
            this.self = self;
        }

        @Override
        public void multicast(byte[] frame) {
            count(self, CoapFrameBytes.non(frame.length), frame);
            multicastTaps.forEach(t -> t.accept(self, frame));
            for (int to : topology.neighborsOf(self)) {
                deliver(self, to, frame);
            }
        }

        @Override
        public void unicast(LinkAddress to, byte[] frame) {
            count(self, CoapFrameBytes.non(frame.length), frame);
            int target = parse(to);
            if (topology.areNeighbours(self, target)) {
                deliver(self, target, frame);
            }
        }

        @Override
        public void confirmable(LinkAddress to, byte[] frame, Consumer<Delivery> outcome) {
            long first = (long) (link.ackTimeoutMillis() * (1 + medium.nextDouble() * 0.5));
            attempt(new Exchange(self, incarnation[self], parse(to), frame, outcome), 1, first);
        }

        private void attempt(Exchange x, int transmission, long timeout) {
            if (!alive[x.from] || incarnation[x.from] != x.incarnation || x.done) {
                return;
            }
            count(x.from, CoapFrameBytes.con(x.frame.length), x.frame);
            if (topology.areNeighbours(x.from, x.to) && survives()) {
                loop.schedule(delay(), () -> receive(x, transmission));
            }
            loop.schedule(timeout, () -> {
                if (x.done || !alive[x.from] || incarnation[x.from] != x.incarnation) {
                    return;
                }
                if (transmission <= link.maxRetransmit()) {
                    attempt(x, transmission + 1, timeout * 2);
                } else {
                    x.done = true;
                    x.outcome.accept(new Delivery.TimedOut(transmission));
                }
            });
        }

        private void receive(Exchange x, int transmission) {
            if (!alive[x.to]) {
                return;
            }
            if (!x.received) {
                x.received = true;
                nodes[x.to].onFrame(addresses[x.from], x.frame);
            }
            count(x.to, CoapFrameBytes.ACK, x.frame);
            if (survives()) {
                loop.schedule(delay(), () -> {
                    if (!x.done && alive[x.from] && incarnation[x.from] == x.incarnation) {
                        x.done = true;
                        x.outcome.accept(new Delivery.Acknowledged(transmission));
                    }
                });
            }
        }

        private int parse(LinkAddress address) {
            return Integer.parseInt(address.value().substring(4));
        }
    }

    /** One confirmable exchange in flight. */
    private static final class Exchange {
        final int from;
        final int incarnation;
        final int to;
        final byte[] frame;
        final Consumer<Delivery> outcome;
        boolean received;
        boolean done;

        Exchange(int from, int incarnation, int to, byte[] frame, Consumer<Delivery> outcome) {
            this.from = from;
            this.incarnation = incarnation;
            this.to = to;
            this.frame = frame;
            this.outcome = outcome;
        }
    }
}
