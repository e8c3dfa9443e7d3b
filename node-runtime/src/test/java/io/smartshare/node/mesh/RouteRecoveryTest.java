package io.smartshare.node.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.hal.dataplane.IpPrefix;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.mesh.forwarding.ForwardingDecision.DropReason;
import io.smartshare.node.mesh.link.LinkAddress;
import io.smartshare.node.mesh.neighbor.NeighborView;
import io.smartshare.node.mesh.routing.Rank;
import io.smartshare.node.mesh.sim.Harness;
import io.smartshare.node.mesh.sim.LinkModel;
import io.smartshare.node.mesh.sim.SimNetwork;
import io.smartshare.node.mesh.sim.Topology;
import io.smartshare.node.mesh.sim.TreeCheck;
import io.smartshare.node.mesh.wire.FrameCodec;
import io.smartshare.node.mesh.wire.Hello;
import io.smartshare.node.mesh.wire.KeyCache;
import io.smartshare.node.mesh.wire.MalformedFrameException;
import io.smartshare.node.mesh.wire.Registration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Parent loss, poisoning, gateway failover, the hop limit and relay accounting, in virtual time. */
class RouteRecoveryTest {
    private static Harness converged(Topology topology, long seed) {
        SimNetwork net = new SimNetwork(topology, LinkModel.withLoss(0), MeshConfig.defaults(), seed);
        Harness h = new Harness(net, seed);
        assertTrue(h.bootAndConverge(1_000, 60_000) >= 0);
        h.run(120_000, 1_000);
        return h;
    }

    @Test
    void parentLossSwitchesToTheBackupParentAtTheMomentOfDetection() {
        Topology diamond = new Topology("diamond", new int[][] {{1, 2}, {0, 3}, {0, 3}, {1, 2}}, new int[] {0});
        Harness h = converged(diamond, 3);
        SimNetwork net = h.net();
        RoutePosition before = net.node(3).position();
        NodeId parent = before.parent().orElseThrow();
        NodeId backup = before.backups().get(0);
        net.kill(net.indexOf(parent));
        while (net.node(3).neighbors().stream().filter(n -> n.id().equals(parent)).allMatch(NeighborView::alive)) {
            assertTrue(net.node(3).position().rank() < Rank.INFINITE, "poisoned before detecting the loss");
            h.run(10, 10);
        }
        RoutePosition after = net.node(3).position();
        assertEquals(backup, after.parent().orElseThrow());
        assertTrue(after.rank() < Rank.INFINITE);
        assertEquals(0, h.maxNodesInLoops());
    }

    @Test
    void silentNeighbourIsDeclaredDeadWithinTheSilenceLimitNotAtTheNextHeartbeatTick() {
        long limit = MeshConfig.defaults().deadAfterMillis();
        long step = 5;
        for (long phase = 0; phase < 600; phase += 50) { // kill at different points of the heartbeat cycle
            Harness h = converged(Topology.line(2), 40 + phase);
            h.run(phase, phase == 0 ? 1 : phase);
            SimNetwork net = h.net();
            long killedAt = h.now();
            net.kill(1);
            while (net.node(0).neighbors().get(0).alive()) {
                h.run(step, step);
            }
            long detection = h.now() - killedAt;
            assertTrue(detection <= limit + step, "phase " + phase + ": declared dead after " + detection + " ms");
        }
    }

    @Test
    void packetHandedToAParentThatDiesIsSentAgainThroughTheBackup() {
        Topology diamond = new Topology("diamond", new int[][] {{1, 2}, {0, 3}, {0, 3}, {1, 2}}, new int[] {0});
        Harness h = converged(diamond, 21);
        SimNetwork net = h.net();
        NodeId parent = net.node(3).position().parent().orElseThrow();
        net.node(3).send(net.id(0), new byte[20]);
        net.kill(net.indexOf(parent)); // before the packet reaches it
        h.run(10_000, 100);
        assertEquals(1, net.node(0).forwardingCounters().delivered());
        assertEquals(2, net.node(3).forwardingCounters().forwarded());
    }

    @Test
    void aLanPrefixAnnouncedAtTheFarEndOfALineReachesTheGatewayAndFollowsItsChange() {
        Topology line = new Topology("line", new int[][] {{1}, {0, 2}, {1, 3}, {2}}, new int[] {0});
        Harness h = converged(line, 29);
        SimNetwork net = h.net();
        IpPrefix lan = IpPrefix.parse("10.99.5.0/24");
        net.node(3).announce(List.of(lan));
        h.run(2_000, 100);
        assertEquals(List.of(lan), prefixesOf(net, 0, 3), "carried up two relays at once, not at the next refresh");
        assertEquals(List.of(lan), prefixesOf(net, 2, 3));
        IpPrefix moved = IpPrefix.parse("192.168.7.0/24");
        net.node(3).announce(List.of(moved, lan));
        h.run(2_000, 100);
        assertEquals(List.of(moved, lan), prefixesOf(net, 0, 3));
        h.run(1_200_000, 10_000);
        assertEquals(List.of(moved, lan), prefixesOf(net, 0, 3), "kept through periodic refreshes");
    }

    @Test
    void aParentThatRestartsBeforeItsChildNoticesGetsTheSubtreeRegisteredAgainAtOnce() {
        Topology line = new Topology("line", new int[][] {{1}, {0, 2}, {1, 3}, {2}}, new int[] {0});
        Harness h = converged(line, 31);
        SimNetwork net = h.net();
        net.kill(2);
        net.revive(2); // restarted at once: node 3 never hears silence, so it keeps node 2 as its parent
        h.run(5_000, 100);
        assertEquals(Optional.of(net.id(2)), net.node(3).position().parent());
        assertTrue(net.node(2).routes().downward().stream().anyMatch(r -> r.target().equals(net.id(3))),
                "the restarted parent lost its routes; its child registered again when it re-keyed");
        net.node(0).send(net.id(3), new byte[12]);
        h.run(2_000, 100);
        assertEquals(1, net.node(3).forwardingCounters().delivered());
    }

    private static List<IpPrefix> prefixesOf(SimNetwork net, int at, int target) {
        return net.node(at).routes().downward().stream().filter(r -> r.target().equals(net.id(target))).findFirst()
                .orElseThrow(() -> new AssertionError("no route to " + target + " at " + at)).prefixes();
    }

    @Test
    void downwardRoutesFollowASubtreeThatMovedToItsBackupParent() {
        // 0 (gateway) - 1, 0 - 2, 1 - 3, 2 - 3, 3 - 4: node 4 hangs below 3, which has two parents
        Topology kite = new Topology("kite", new int[][] {{1, 2}, {0, 3}, {0, 3}, {1, 2, 4}, {3}}, new int[] {0});
        Harness h = converged(kite, 23);
        SimNetwork net = h.net();
        net.kill(net.indexOf(net.node(3).position().parent().orElseThrow()));
        h.run(10_000, 100);
        net.node(0).send(net.id(4), new byte[12]);
        net.node(0).send(net.id(3), new byte[12]);
        h.run(2_000, 100);
        assertEquals(2, net.node(4).forwardingCounters().delivered() + net.node(3).forwardingCounters().delivered());
        assertEquals(0, net.node(0).forwardingCounters().dropped().get(DropReason.NO_ROUTE));
    }

    @Test
    void nodeWithoutAnyParentPoisonsItsRouteAndAdvertisesInfiniteRank() {
        Harness h = converged(Topology.line(3), 5);
        SimNetwork net = h.net();
        List<Integer> advertisedByNode1 = new ArrayList<>();
        net.tapMulticast((sender, frame) -> {
            if (sender == 1 && (frame[0] & 0x0f) == 1) {
                advertisedByNode1.add(rankOf(frame));
            }
        });
        net.kill(0);
        h.run(5_000, 100);
        assertEquals(Rank.INFINITE, net.node(1).position().rank());
        assertTrue(net.node(1).position().parent().isEmpty());
        assertTrue(advertisedByNode1.contains(Rank.INFINITE), "advertised " + advertisedByNode1);
        assertEquals(Rank.INFINITE, net.node(2).position().rank());
        assertEquals(0, h.maxNodesInLoops());
    }

    @Test
    void gatewayLosingItsUplinkFailsOverToTheOtherGateway() {
        Topology twoGateways = new Topology("line-2gw", new int[][] {{1}, {0, 2}, {1, 3}, {2, 4}, {3}}, new int[] {0, 4});
        Harness h = converged(twoGateways, 9);
        SimNetwork net = h.net();
        assertEquals(0, h.last().root()[1]);
        net.setUplink(0, false);
        long failover = h.runUntil(TreeCheck::converged, 100, 30_000);
        assertTrue(failover >= 0 && failover <= 10_000, "failover took " + failover + " ms of virtual time");
        int[] roots = h.last().root();
        IntStream.range(0, 4).forEach(i -> assertEquals(4, roots[i], "root of node " + i));
        assertEquals(0, h.maxNodesInLoops());
    }

    @Test
    void hopLimitStopsAForcedForwardingLoop() {
        // a ring 0 - 1 - 2 - 3 - 4 - 0 with the gateway at 0: nodes 2 and 3 are neighbours, not each other's parent
        Topology ring = new Topology("ring", new int[][] {{1, 4}, {0, 2}, {1, 3}, {2, 4}, {3, 0}}, new int[] {0});
        Harness h = converged(ring, 13);
        SimNetwork net = h.net();
        assertTrue(net.node(2).position().parent().equals(Optional.of(net.id(1))));
        assertTrue(net.node(3).position().parent().equals(Optional.of(net.id(4))));
        NodeId nowhere = new NodeId("ssxxxxxxxxxxxxxxxxxxxxxxxxxx");
        Registration forged = new Registration(List.of(new Registration.Target(nowhere, 1, 600)));
        net.node(2).onFrame(new LinkAddress("sim:3"), net.node(3).sealFor(net.id(2), forged));
        net.node(3).onFrame(new LinkAddress("sim:2"), net.node(2).sealFor(net.id(3), forged));
        net.node(2).send(nowhere, new byte[8]);
        h.run(5_000, 100);
        ForwardingCounters two = net.node(2).forwardingCounters();
        ForwardingCounters three = net.node(3).forwardingCounters();
        assertEquals(MeshConfig.defaults().hopLimit(), two.forwarded() + three.forwarded());
        assertEquals(1, two.dropped().get(DropReason.HOP_LIMIT_EXHAUSTED) + three.dropped().get(DropReason.HOP_LIMIT_EXHAUSTED));
    }

    @Test
    void downwardPacketWithoutRouteIsNotBouncedBackToTheParent() {
        Harness h = converged(Topology.line(2), 13);
        SimNetwork net = h.net();
        NodeId nowhere = new NodeId("ssxxxxxxxxxxxxxxxxxxxxxxxxxx");
        // node 1 "registers" a target it cannot reach: the gateway sends packets for it down
        net.node(0).onFrame(new LinkAddress("sim:1"),
                net.node(1).sealFor(net.id(0), new Registration(List.of(new Registration.Target(nowhere, 1, 600)))));
        net.node(0).send(nowhere, new byte[8]);
        h.run(5_000, 100);
        assertEquals(1, net.node(0).forwardingCounters().forwarded());
        assertEquals(0, net.node(1).forwardingCounters().forwarded());
        assertEquals(1, net.node(1).forwardingCounters().dropped().get(DropReason.NO_ROUTE));
    }

    @Test
    void relayCountsBytesPerUpstreamAndDownstreamPeer() {
        Harness h = converged(Topology.line(3), 17);
        SimNetwork net = h.net();
        net.node(2).send(net.id(0), new byte[100]);
        net.node(0).send(net.id(2), new byte[40]);
        h.run(2_000, 100);
        int up = 9 + 54 + 100; // sealed data frames: 9 bytes of link authentication around each
        int down = 9 + 54 + 40;
        var relayed = net.node(1).relayBytes();
        assertEquals(up, relayed.of(net.id(2)).bytesFromUpstream());
        assertEquals(down, relayed.of(net.id(2)).bytesToDownstream());
        assertEquals(down, relayed.of(net.id(0)).bytesFromUpstream());
        assertEquals(up, relayed.of(net.id(0)).bytesToDownstream());
        assertEquals(1, net.node(0).forwardingCounters().delivered());
        assertEquals(1, net.node(2).forwardingCounters().delivered());
    }

    private static int rankOf(byte[] frame) {
        try {
            return ((Hello) FrameCodec.decode(frame, new KeyCache(1))).rank();
        } catch (MalformedFrameException e) {
            throw new AssertionError(e);
        }
    }
}
