package io.smartshare.node.mesh;

import static io.smartshare.node.testing.SeededIdentities.identity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.mesh.forwarding.ForwardingDecision.DropReason;
import io.smartshare.node.mesh.hello.HelloSigner;
import io.smartshare.node.mesh.link.Delivery;
import io.smartshare.node.mesh.link.LinkAddress;
import io.smartshare.node.mesh.link.Medium;
import io.smartshare.node.mesh.routing.DownwardRoute;
import io.smartshare.node.mesh.routing.Rank;
import io.smartshare.node.mesh.sim.EventLoop;
import io.smartshare.node.mesh.wire.FrameCodec;
import io.smartshare.node.mesh.wire.Heartbeat;
import io.smartshare.node.mesh.wire.Probe;
import io.smartshare.node.mesh.wire.Registration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** One node against a recording transport, on a virtual clock. */
class MeshNodeTest {
    private static final LinkAddress GATEWAY_ADDRESS = new LinkAddress("10.201.0.1:5683");
    private final EventLoop loop = new EventLoop();
    private final Recording transport = new Recording();

    private MeshNode node(MeshConfig config) {
        MeshNode node = MeshNode.builder(identity(1), transport, loop).config(config).random(new Random(1))
                .firstHelloSequence(1).build();
        node.start();
        return node;
    }

    @Test
    void joinsAGatewayHeardInOneHelloAndRegistersWithIt() {
        MeshNode node = node(MeshConfig.defaults());
        node.onFrame(GATEWAY_ADDRESS, FrameCodec.encode(new HelloSigner(identity(2), 1).sign(true, Rank.ROOT, 0, 1000)));
        assertEquals(Optional.of(identity(2).nodeId()), node.position().parent());
        assertEquals(Rank.ROOT + 192, node.position().rank());
        assertTrue(transport.confirmable.stream().anyMatch(s -> s.to.equals(GATEWAY_ADDRESS) && (s.frame[0] & 0x0f) == 3),
                "no registration sent to the gateway");
    }

    @Test
    void withUnicastProbesEveryHelloAlsoGoesToEachKnownNeighbour() {
        MeshConfig probing = new MeshConfig(400, 5, 2, 100, 9, 3, 300_000, 900, 64, 64, 8, 2.0, 120_000, 1_000, true);
        MeshNode node = node(probing);
        node.onFrame(GATEWAY_ADDRESS, FrameCodec.encode(new HelloSigner(identity(2), 1).sign(true, Rank.ROOT, 0, 1000)));
        loop.runUntil(1_000);
        long multicastHellos = transport.multicast.stream().filter(f -> (f[0] & 0x0f) == 1).count();
        long unicastHellos = transport.unicast.stream().filter(s -> s.to.equals(GATEWAY_ADDRESS) && (s.frame[0] & 0x0f) == 1).count();
        assertTrue(multicastHellos > 0);
        assertEquals(multicastHellos, unicastHellos);
    }

    @Test
    void silentNeighbourIsProbedAndStaysAliveWhileItAnswers() {
        MeshNode node = node(MeshConfig.defaults());
        node.onFrame(GATEWAY_ADDRESS, FrameCodec.encode(new HelloSigner(identity(2), 1).sign(true, Rank.ROOT, 0, 1000)));
        loop.runUntil(1_320);
        assertEquals(0, probesTo(GATEWAY_ADDRESS), "probed before two heartbeats were missed");
        loop.runUntil(1_400);
        assertEquals(1, probesTo(GATEWAY_ADDRESS));
        node.onFrame(GATEWAY_ADDRESS, FrameCodec.encode(new Probe(false)));
        loop.runUntil(3_500); // 3.5 s after the hello, 2.1 s after the answer
        assertTrue(node.neighbors().get(0).alive());
        loop.runUntil(10_000);
        assertFalse(node.neighbors().get(0).alive(), "a neighbour that stopped answering was not declared dead");
        assertTrue(probesTo(GATEWAY_ADDRESS) >= 4, "probes: " + probesTo(GATEWAY_ADDRESS));
    }

    @Test
    void answersProbesFromKnownNeighboursOnly() {
        MeshNode node = node(MeshConfig.defaults());
        byte[] question = FrameCodec.encode(new Probe(true));
        node.onFrame(GATEWAY_ADDRESS, question);
        assertTrue(transport.unicast.isEmpty());
        node.onFrame(GATEWAY_ADDRESS, FrameCodec.encode(new HelloSigner(identity(2), 1).sign(true, Rank.ROOT, 0, 1000)));
        node.onFrame(GATEWAY_ADDRESS, question);
        assertEquals(1, transport.unicast.stream()
                .filter(s -> s.to.equals(GATEWAY_ADDRESS) && Arrays.equals(s.frame, FrameCodec.encode(new Probe(false)))).count());
    }

    private long probesTo(LinkAddress to) {
        byte[] question = FrameCodec.encode(new Probe(true));
        return transport.unicast.stream().filter(s -> s.to.equals(to) && Arrays.equals(s.frame, question)).count();
    }

    @Test
    void malformedDatagramsAreCountedAndChangeNothing() {
        MeshNode node = node(MeshConfig.defaults());
        RoutePosition before = node.position();
        node.onFrame(GATEWAY_ADDRESS, new byte[0]);
        node.onFrame(GATEWAY_ADDRESS, new byte[] {0x11, 0x01});
        node.onFrame(GATEWAY_ADDRESS, new byte[] {(byte) 0xff, 0x00, 0x00});
        assertEquals(3, node.helloCounters().malformed());
        assertEquals(before, node.position());
        assertTrue(node.neighbors().isEmpty());
    }

    @Test
    void stoppedNodeSendsNothingAndIgnoresFrames() {
        MeshNode node = node(MeshConfig.defaults());
        node.stop();
        int sent = transport.multicast.size();
        loop.runUntil(60_000);
        node.onFrame(GATEWAY_ADDRESS, FrameCodec.encode(new HelloSigner(identity(2), 1).sign(true, Rank.ROOT, 0, 1000)));
        assertEquals(sent, transport.multicast.size());
        assertTrue(node.neighbors().isEmpty());
    }

    @Test
    void helloHeardOverIpAndBleIsOneNeighbourWithTwoLinksAndNoReplay() {
        MeshNode node = node(MeshConfig.defaults());
        LinkAddress ble = new LinkAddress("ble:02:00:00:00:00:02");
        byte[] hello = FrameCodec.encode(new HelloSigner(identity(2), 1).sign(true, Rank.ROOT, 0, 1000));
        node.onFrame(GATEWAY_ADDRESS, hello);
        node.onFrame(ble, hello);
        assertEquals(1, node.helloCounters().sighted());
        assertEquals(0, node.helloCounters().replayed());
        assertEquals(1, node.neighbors().size());
        assertEquals(2, node.neighbors().get(0).links().size());
        assertEquals(Optional.of(ble), node.nextHop(identity(2).nodeId(), Medium.BLE));
        assertEquals(Optional.of(GATEWAY_ADDRESS), node.nextHop(identity(2).nodeId(), Medium.IP));
    }

    @Test
    void registrationParkedFromABleAddressIsAppliedWhenTheSendersHelloIsSightedThere() {
        MeshNode gateway = node(MeshConfig.defaults());
        gateway.setUplink(true, 1000);
        NodeIdentity child = identity(3);
        LinkAddress childIp = new LinkAddress("10.201.0.3:5683");
        LinkAddress childBle = new LinkAddress("ble:02:00:00:00:00:03");
        gateway.onFrame(childBle, FrameCodec.encode(new Registration(List.of(new Registration.Target(child.nodeId(), 1, 600)))));
        byte[] hello = FrameCodec.encode(new HelloSigner(child, 1).sign(false, Rank.ROOT + 192, 0, 0));
        gateway.onFrame(childIp, hello);
        assertTrue(gateway.routes().downward().isEmpty());
        gateway.onFrame(childBle, hello);
        assertEquals(List.of(child.nodeId()), gateway.routes().downward().stream().map(DownwardRoute::target).toList());
    }

    @Test
    void dataInFlightOverAnIpLinkThatDiesIsSentAgainOverBle() {
        MeshNode node = node(MeshConfig.defaults());
        LinkAddress ble = new LinkAddress("ble:02:00:00:00:00:02");
        byte[] hello = FrameCodec.encode(new HelloSigner(identity(2), 1).sign(true, Rank.ROOT, 0, 1000));
        node.onFrame(GATEWAY_ADDRESS, hello);
        node.onFrame(ble, hello);
        node.send(identity(2).nodeId(), new byte[] {7});
        assertEquals(1, dataTo(GATEWAY_ADDRESS));
        for (int t = 500, seq = 1; t <= 4_000; t += 500, seq++) {
            loop.runUntil(t);
            node.onFrame(ble, FrameCodec.encode(new Heartbeat(seq)));
        }
        assertTrue(node.neighbors().get(0).alive());
        assertEquals(1, dataTo(ble), "the packet the dead IP link never acknowledged was not sent over BLE");
        assertEquals(0L, node.forwardingCounters().dropped().getOrDefault(DropReason.LINK_FAILED, 0L));
    }

    @Test
    void dataInFlightOverALinkKilledByConTimeoutsIsSentAgainOverTheOtherLink() {
        MeshNode node = node(MeshConfig.defaults());
        LinkAddress ble = new LinkAddress("ble:02:00:00:00:00:02");
        byte[] hello = FrameCodec.encode(new HelloSigner(identity(2), 1).sign(true, Rank.ROOT, 0, 1000));
        node.onFrame(GATEWAY_ADDRESS, hello);
        node.onFrame(ble, hello);
        int before = transport.outcomes.size();
        for (int i = 0; i < 3; i++) {
            node.send(identity(2).nodeId(), new byte[] {(byte) i});
        }
        assertEquals(3, dataTo(GATEWAY_ADDRESS));
        transport.outcomes.get(before).accept(new Delivery.TimedOut(5));
        transport.outcomes.get(before + 1).accept(new Delivery.TimedOut(5));
        assertTrue(node.neighbors().get(0).alive());
        assertEquals(1, dataTo(ble), "the third packet, still in flight over the dead IP link, was not sent over BLE");
        assertEquals(2L, node.forwardingCounters().dropped().get(DropReason.LINK_FAILED));
    }

    private long dataTo(LinkAddress to) {
        return transport.confirmable.stream().filter(s -> s.to.equals(to) && (s.frame[0] & 0x0f) == 5).count();
    }

    private record Sent(LinkAddress to, byte[] frame) {
    }

    private static final class Recording implements MeshTransport {
        final List<byte[]> multicast = new ArrayList<>();
        final List<Sent> unicast = new ArrayList<>();
        final List<Sent> confirmable = new ArrayList<>();
        final List<Consumer<Delivery>> outcomes = new ArrayList<>();

        @Override
        public void multicast(byte[] frame) {
            multicast.add(frame);
        }

        @Override
        public void unicast(LinkAddress to, byte[] frame) {
            unicast.add(new Sent(to, frame));
        }

        @Override
        public void confirmable(LinkAddress to, byte[] frame, Consumer<Delivery> outcome) {
            confirmable.add(new Sent(to, frame));
            outcomes.add(outcome);
        }
    }
}
