package io.smartshare.node.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.mesh.hello.HelloCounters;
import io.smartshare.node.mesh.hello.HelloGate;
import io.smartshare.node.mesh.hello.HelloSigner;
import io.smartshare.node.mesh.link.LinkAddress;
import io.smartshare.node.mesh.neighbor.NeighborView;
import io.smartshare.node.mesh.routing.Rank;
import io.smartshare.node.mesh.sim.Harness;
import io.smartshare.node.mesh.sim.LinkModel;
import io.smartshare.node.mesh.sim.SimNetwork;
import io.smartshare.node.mesh.sim.Topology;
import io.smartshare.node.mesh.wire.Frame;
import io.smartshare.node.mesh.wire.FrameCodec;
import io.smartshare.node.mesh.wire.Hello;
import io.smartshare.node.mesh.wire.KeyCache;
import io.smartshare.node.mesh.wire.MalformedFrameException;
import io.smartshare.node.testing.SeededIdentities;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Forged, replayed and flooding hellos against a converged line gateway(0) - 1 - 2. */
class HelloAttackTest {
    private static final LinkAddress ATTACKER = new LinkAddress("sim:77");
    private SimNetwork net;
    private Harness harness;
    private final List<Hello> gatewayHellos = new ArrayList<>();

    @BeforeEach
    void converge() {
        net = new SimNetwork(Topology.line(3), LinkModel.withLoss(0), MeshConfig.defaults(), 11);
        net.tapMulticast((sender, frame) -> {
            if (sender == 0) {
                decode(frame).filter(Hello.class::isInstance).map(Hello.class::cast).ifPresent(gatewayHellos::add);
            }
        });
        harness = new Harness(net, 11);
        assertTrue(harness.bootAndConverge(1_000, 60_000) >= 0);
        harness.run(120_000, 1_000);
    }

    @Test
    void forgedHellosAreDroppedCountedAndRoutesDoNotMove() {
        RoutePosition before = net.node(2).position();
        Hello real = gatewayHellos.get(gatewayHellos.size() - 1);
        // node 1's address claiming to be a gateway with the gateway's key but not its signature
        Hello spoofed = new Hello(true, Rank.ROOT, real.epoch(), 1, 0, real.sequence() + 1, real.publicKey(), real.tunnelKey(), real.signature());
        Hello garbage = new Hello(true, Rank.ROOT, real.epoch() + 1, 1, 0, 1, attacker().publicKey(), new byte[32], new byte[64]);
        for (int i = 0; i < 5; i++) {
            net.node(2).onFrame(new LinkAddress("sim:1"), FrameCodec.encode(spoofed));
            net.node(2).onFrame(ATTACKER, FrameCodec.encode(garbage));
        }
        harness.run(10_000, 1_000);
        // both keys are new to node 2 (it never heard the gateway directly): one burst of the
        // node-wide budget for new keys is checked and found forged, the rest not even checked
        HelloCounters counters = net.node(2).helloCounters();
        assertEquals(HelloGate.NEW_BURST, counters.badSignature(), counters.toString());
        assertEquals(10 - HelloGate.NEW_BURST, counters.rateLimited(), counters.toString());
        assertEquals(before.parent(), net.node(2).position().parent());
        assertEquals(before.epoch(), net.node(2).position().epoch());
        assertFalse(net.node(2).neighbors().stream().anyMatch(n -> n.id().equals(attacker().nodeId())));
    }

    @Test
    void replayedGatewayHelloIsDroppedCountedAndDoesNotRevivePoisonedRoutes() {
        Hello old = gatewayHellos.get(gatewayHellos.size() - 1);
        net.setUplink(0, false);
        harness.run(10_000, 500);
        assertEquals(Rank.INFINITE, net.node(1).position().rank());
        for (Hello h : List.of(old, gatewayHellos.get(0))) {
            net.node(1).onFrame(new LinkAddress("sim:0"), FrameCodec.encode(h));
        }
        harness.run(2_000, 500);
        assertEquals(2, net.node(1).helloCounters().replayed());
        assertEquals(Rank.INFINITE, net.node(1).position().rank());
        assertTrue(net.node(1).position().parent().isEmpty());
    }

    @Test
    void floodingHellosOverTheRateLimitAreDroppedCountedAndRoutesDoNotMove() {
        RoutePosition before = net.node(2).position();
        HelloSigner flooder = SeededIdentities.signer(attacker(), 1);
        MeshConfig config = MeshConfig.defaults();
        for (int i = 0; i < config.helloBurst(); i++) {
            net.node(2).onFrame(ATTACKER, FrameCodec.encode(flooder.sign(false, Rank.INFINITE, before.epoch(), 0, 0)));
        }
        for (int i = 0; i < 40; i++) {
            net.node(2).onFrame(ATTACKER, FrameCodec.encode(flooder.sign(true, Rank.ROOT, before.epoch(), 1_000_000, 0)));
        }
        assertEquals(40, net.node(2).helloCounters().rateLimited());
        assertEquals(before.parent(), net.node(2).position().parent());
        assertEquals(before.rank(), net.node(2).position().rank());
    }

    @Test
    void aHelloTheFullNeighbourTableHasNoRoomForIsCountedWhereAnOperatorLooks() {
        MeshConfig d = MeshConfig.defaults();
        MeshConfig oneNeighbour = new MeshConfig(d.heartbeatIntervalMillis(), d.missedHeartbeatsForDeath(),
                d.timeoutsForDeath(), d.trickleIminMillis(), d.trickleDoublings(), d.trickleRedundancy(),
                d.registrationRefreshMillis(), d.registrationLifetimeSeconds(), d.hopLimit(), 1, d.helloBurst(),
                d.hellosPerSecond(), d.neighborPurgeMillis(), d.repairMinIntervalMillis(), d.unicastProbes());
        SimNetwork small = new SimNetwork(Topology.line(3), LinkModel.withLoss(0), oneNeighbour, 12);
        small.bootAll(1_000);
        new Harness(small, 12).run(30_000, 1_000);
        assertEquals(1, small.node(1).neighbors().size(), "node 1 hears two nodes and keeps one");
        assertTrue(small.node(1).neighborTableRefusals() > 0, "the other one's hellos are counted as refused");
        assertEquals(0, net.node(1).neighborTableRefusals(), "a table with room refuses nothing");
    }

    @Test
    void sybilsThatProveTheirLinksNeitherEvictEstablishedNeighboursNorCrowdOutANewcomer() {
        MeshConfig d = MeshConfig.defaults();
        MeshConfig eightNeighbours = new MeshConfig(d.heartbeatIntervalMillis(), d.missedHeartbeatsForDeath(),
                d.timeoutsForDeath(), d.trickleIminMillis(), d.trickleDoublings(), d.trickleRedundancy(),
                d.registrationRefreshMillis(), d.registrationLifetimeSeconds(), d.hopLimit(), 8, d.helloBurst(),
                d.hellosPerSecond(), d.neighborPurgeMillis(), d.repairMinIntervalMillis(), d.unicastProbes());
        SimNetwork line = new SimNetwork(Topology.line(4), LinkModel.withLoss(0), eightNeighbours, 13);
        List<byte[]> node2Hellos = new ArrayList<>();
        line.tapMulticast((sender, frame) -> {
            if (sender == 2 && decode(frame).filter(Hello.class::isInstance).isPresent()) {
                node2Hellos.add(frame);
            }
        });
        Harness run = new Harness(line, 13);
        assertTrue(run.bootAndConverge(1_000, 60_000) >= 0);
        line.kill(3);
        run.run(130_000, 1_000); // node 3 is dead and purged from node 2's table
        RoutePosition before = line.node(2).position();
        NodeId node2 = line.id(2);
        Random random = new Random(14);
        List<LinkAddress> addresses = new ArrayList<>();
        List<MeshPeer> sybils = new ArrayList<>();
        // 60 fresh keys over 60 s, each sending its key offer and every heartbeat from an address
        // it does not receive at (node 2's confirmable frames there go unacknowledged)
        for (int k = 0; k < 60; k++) {
            byte[] seed = new byte[32];
            random.nextBytes(seed);
            MeshPeer sybil = new MeshPeer(NodeIdentity.fromSeed(seed)).heard(node2Hellos.get(node2Hellos.size() - 1));
            LinkAddress address = new LinkAddress("sim:" + (100 + k));
            sybils.add(sybil);
            addresses.add(address);
            line.node(2).onFrame(address, sybil.hello(false, Rank.INFINITE, before.epoch(), 0));
            line.node(2).onFrame(address, sybil.offerTo(node2));
            if (k == 30) {
                line.revive(3); // a real newcomer arrives in the middle of the flood
            }
            for (int beat = 0; beat < 2; beat++) {
                for (int i = 0; i < sybils.size(); i++) {
                    line.node(2).onFrame(addresses.get(i), sybils.get(i).heartbeat());
                }
                run.run(500, 500);
            }
        }
        List<NodeId> neighbours = line.node(2).neighbors().stream().filter(NeighborView::alive).map(NeighborView::id)
                .toList();
        assertTrue(neighbours.contains(line.id(1)), "the established neighbour stayed: " + neighbours);
        assertTrue(neighbours.contains(line.id(3)), "the real newcomer got in and stayed: " + neighbours);
        assertEquals(before.parent(), line.node(2).position().parent(), "node 2's route did not move");
        assertTrue(line.node(3).position().rank() < Rank.INFINITE, "the newcomer has a route through node 2");
        assertEquals(2, line.node(2).establishedNeighbors(), "node 1 and the newcomer: " + neighbours);
        assertTrue(line.node(2).neighborTableEvictions() > 0, "Sybils pushed out only each other");
    }

    private static NodeIdentity attacker() {
        byte[] seed = new byte[32];
        new Random(666).nextBytes(seed);
        return NodeIdentity.fromSeed(seed);
    }

    private static java.util.Optional<Frame> decode(byte[] frame) {
        try {
            return java.util.Optional.of(FrameCodec.decode(frame, new KeyCache(4)));
        } catch (MalformedFrameException e) {
            throw new AssertionError(e);
        }
    }
}
