package io.smartshare.node.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.mesh.link.LinkAddress;
import io.smartshare.node.mesh.neighbor.NeighborView;
import io.smartshare.node.mesh.routing.DownwardRoute;
import io.smartshare.node.mesh.sim.Harness;
import io.smartshare.node.mesh.sim.LinkModel;
import io.smartshare.node.mesh.sim.SimNetwork;
import io.smartshare.node.mesh.sim.Topology;
import io.smartshare.node.mesh.wire.FrameCodec;
import io.smartshare.node.mesh.wire.Registration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Spoofed and replayed frames against a converged line gateway(0) - 1 - 2, sent from the
 * address of a neighbour that died: what link authentication refuses.
 */
class LinkAuthAttackTest {
    private static final LinkAddress NODE_1 = new LinkAddress("sim:1");
    private SimNetwork net;
    private Harness harness;
    private final List<byte[]> node1Multicasts = new ArrayList<>();

    @BeforeEach
    void converge() {
        net = new SimNetwork(Topology.line(3), LinkModel.withLoss(0), MeshConfig.defaults(), 21);
        net.tapMulticast((sender, frame) -> {
            if (sender == 1) {
                node1Multicasts.add(frame);
            }
        });
        harness = new Harness(net, 21);
        assertTrue(harness.bootAndConverge(1_000, 60_000) >= 0);
        harness.run(30_000, 1_000);
    }

    private boolean aliveAtNode2(NodeId id) {
        return net.node(2).neighbors().stream().anyMatch(n -> n.id().equals(id) && n.alive());
    }

    @Test
    void replayedHeartbeatsOfADeadNeighbourDoNotKeepItAlive() {
        List<byte[]> heartbeats = node1Multicasts.stream().filter(f -> (f[0] & 0x0f) == 2).toList();
        assertTrue(heartbeats.size() > 40, "heartbeats captured: " + heartbeats.size());
        net.kill(1);
        for (int i = 0; i < 50; i++) { // 5 s, every captured heartbeat again and again
            for (byte[] beat : heartbeats.subList(heartbeats.size() - 20, heartbeats.size())) {
                net.node(2).onFrame(NODE_1, beat);
            }
            harness.run(100, 100);
        }
        assertFalse(aliveAtNode2(net.id(1)), "node 1 is dead, whatever its address says");
        assertTrue(net.node(2).linkAuthCounters().beatsRefused() >= 50 * 20, net.node(2).linkAuthCounters().toString());
        assertTrue(net.node(2).neighbors().stream().filter(NeighborView::alive).toList().isEmpty()
                || net.node(2).position().parent().isEmpty(), "node 2 lost its only way up");
    }

    @Test
    void aBareOrReplayedRegistrationFromANeighboursAddressRegistersNothing() {
        NodeId nowhere = new NodeId("ssxxxxxxxxxxxxxxxxxxxxxxxxxx");
        Registration claim = new Registration(List.of(new Registration.Target(nowhere, 1, 600)));
        byte[] sealed = net.node(2).sealFor(net.id(1), claim);
        net.node(1).onFrame(new LinkAddress("sim:2"), sealed);
        assertTrue(routedThrough1(nowhere), "node 2's own registration, sealed for node 1, counts");
        net.kill(1);
        net.revive(1);
        harness.run(10_000, 1_000);
        assertFalse(routedThrough1(nowhere), "a new run of node 1 has none of its routes");
        net.node(1).onFrame(new LinkAddress("sim:2"), sealed); // replayed into node 1's next session
        net.node(1).onFrame(new LinkAddress("sim:2"), FrameCodec.encode(claim)); // and bare
        assertFalse(routedThrough1(nowhere));
        assertEquals(1, net.node(1).linkAuthCounters().unsealedRefused());
        assertTrue(net.node(1).linkAuthCounters().sealedRefused() >= 1);
    }

    private boolean routedThrough1(NodeId target) {
        return net.node(1).routes().downward().stream().map(DownwardRoute::target).anyMatch(target::equals);
    }
}
