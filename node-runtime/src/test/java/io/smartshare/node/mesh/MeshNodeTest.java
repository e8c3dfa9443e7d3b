package io.smartshare.node.mesh;

import static io.smartshare.node.testing.SeededIdentities.identity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.mesh.auth.OfferVerdict;
import io.smartshare.node.mesh.forwarding.ForwardingDecision.DropReason;
import io.smartshare.node.mesh.link.Delivery;
import io.smartshare.node.mesh.link.LinkAddress;
import io.smartshare.node.mesh.link.Medium;
import io.smartshare.node.mesh.routing.DownwardRoute;
import io.smartshare.node.mesh.routing.Rank;
import io.smartshare.node.mesh.sim.EventLoop;
import io.smartshare.node.mesh.wire.FrameCodec;
import io.smartshare.node.mesh.wire.Hello;
import io.smartshare.node.mesh.wire.KeyOffer;
import io.smartshare.node.mesh.wire.Probe;
import io.smartshare.node.mesh.wire.RefreshRequest;
import io.smartshare.node.mesh.wire.Registration;
import io.smartshare.node.mesh.wire.Sealed;
import io.smartshare.node.testing.SeededIdentities;
import java.util.ArrayList;
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
    private final MeshPeer gateway = new MeshPeer(identity(2)).knows(identity(1));

    private MeshNode node(MeshConfig config) {
        MeshNode node = MeshNode.builder(identity(1), transport, loop).config(config).random(new Random(1))
                .tunnelKey(SeededIdentities.tunnelPrivate(identity(1))).firstHelloSequence(1).build();
        node.start();
        return node;
    }

    /** The gateway's hello and key offer, as a neighbour's first frames. */
    private void gatewayJoins(MeshNode node, LinkAddress at) {
        node.onFrame(at, gateway.hello(true, Rank.ROOT, 0, 1000));
        node.onFrame(at, gateway.offerTo(identity(1).nodeId()));
    }

    /** The frame type of {@code frame}, or of the frame inside if it is sealed (whose inner bytes are not secret). */
    private static int innerType(byte[] frame) {
        if ((frame[0] & 0x0f) == 9) {
            return ((Sealed) MeshPeer.decode(frame)).inner()[0] & 0x0f;
        }
        return frame[0] & 0x0f;
    }

    @Test
    void joinsAGatewayHeardInOneHelloAndRegistersWithIt() {
        MeshNode node = node(MeshConfig.defaults());
        node.onFrame(GATEWAY_ADDRESS, gateway.hello(true, Rank.ROOT, 0, 1000));
        assertEquals(Optional.of(identity(2).nodeId()), node.position().parent());
        assertEquals(Rank.ROOT + 192, node.position().rank());
        byte[] offer = transport.confirmable.stream().filter(s -> s.to.equals(GATEWAY_ADDRESS) && (s.frame[0] & 0x0f) == 8)
                .findFirst().orElseThrow().frame;
        assertEquals(OfferVerdict.INSTALLED, gateway.accept(identity(1).nodeId(), offer), "its keys, sealed for the gateway");
        assertTrue(transport.confirmable.stream().anyMatch(s -> s.to.equals(GATEWAY_ADDRESS)
                && gateway.open(identity(1).nodeId(), s.frame).filter(Registration.class::isInstance).isPresent()),
                "no registration the gateway can verify");
    }

    @Test
    void aParentThatRestartedAndReKeyedGetsThisNodesRegistrationAgain() {
        MeshNode node = node(MeshConfig.defaults());
        gatewayJoins(node, GATEWAY_ADDRESS);
        loop.runUntil(2_000);
        MeshPeer restarted = gateway.restarted().knows(identity(1));
        transport.confirmable.clear();
        node.onFrame(GATEWAY_ADDRESS, restarted.hello(true, Rank.ROOT, 0, 1000));
        node.onFrame(GATEWAY_ADDRESS, restarted.offerAskingTo(identity(1).nodeId()));
        byte[] answer = transport.confirmable.stream().filter(s -> s.to.equals(GATEWAY_ADDRESS) && (s.frame[0] & 0x0f) == 8)
                .reduce((a, b) -> b).orElseThrow().frame;
        assertEquals(OfferVerdict.INSTALLED, restarted.accept(identity(1).nodeId(), answer));
        assertEquals(Optional.of(identity(2).nodeId()), node.position().parent(), "the parent never went silent");
        assertTrue(transport.confirmable.stream().anyMatch(s -> s.to.equals(GATEWAY_ADDRESS)
                && restarted.open(identity(1).nodeId(), s.frame).filter(Registration.class::isInstance).isPresent()),
                "the restarted parent lost this node's route; the node registers again when the parent re-keys");
    }

    @Test
    void aNeighbourWhoseHeartbeatsStopVerifyingIsAskedForItsKeysEvenWhileOldOnesAreHeld() {
        MeshNode node = node(MeshConfig.defaults());
        gatewayJoins(node, GATEWAY_ADDRESS);
        MeshPeer restarted = gateway.restarted().knows(identity(1));
        transport.confirmable.clear();
        loop.runUntil(1_000);
        node.onFrame(GATEWAY_ADDRESS, restarted.heartbeat()); // its offer was lost: only its heartbeats arrive
        KeyOffer ask = transport.confirmable.stream().filter(s -> s.to.equals(GATEWAY_ADDRESS) && (s.frame[0] & 0x0f) == 8)
                .map(s -> (KeyOffer) MeshPeer.decode(s.frame)).findFirst().orElseThrow();
        assertTrue(ask.replyRequested(), "the old keys it holds do not verify the neighbour: it must ask for the new ones");
    }

    @Test
    void aChildRefusedWhileItWasTheParentIsAskedToRegisterAgainWhenTheParentChanges() {
        MeshNode node = node(MeshConfig.defaults());
        LinkAddress otherAddress = new LinkAddress("10.201.0.3:5683");
        MeshPeer other = new MeshPeer(identity(3)).knows(identity(1));
        node.onFrame(otherAddress, other.hello(false, Rank.ROOT + 192, 0, 0)); // after a restart, a stale rank heard first
        node.onFrame(otherAddress, other.offerTo(identity(1).nodeId()));
        assertEquals(OfferVerdict.INSTALLED, other.accept(identity(1).nodeId(), transport.confirmable.stream()
                .filter(s -> s.to.equals(otherAddress) && (s.frame[0] & 0x0f) == 8).findFirst().orElseThrow().frame));
        assertEquals(Optional.of(identity(3).nodeId()), node.position().parent());
        node.onFrame(otherAddress, other.sealed(identity(1).nodeId(),
                new Registration(List.of(new Registration.Target(identity(3).nodeId(), 2, 600)))));
        assertTrue(node.routes().downward().isEmpty(), "a registration from the parent would make a loop");
        gatewayJoins(node, GATEWAY_ADDRESS);
        assertEquals(Optional.of(identity(2).nodeId()), node.position().parent());
        assertTrue(transport.confirmable.stream().anyMatch(s -> s.to.equals(otherAddress)
                && other.open(identity(1).nodeId(), s.frame).filter(RefreshRequest.class::isInstance).isPresent()),
                "the former parent, which registered meanwhile, was not asked to register again");
    }

    @Test
    void aChildThatRestartedAndReKeyedIsAskedToRegisterAgain() {
        MeshNode node = node(MeshConfig.defaults());
        node.setUplink(true, 1000);
        LinkAddress childAddress = new LinkAddress("10.201.0.3:5683");
        MeshPeer child = new MeshPeer(identity(3)).knows(identity(1));
        node.onFrame(childAddress, child.hello(false, Rank.ROOT + 192, 0, 0));
        node.onFrame(childAddress, child.offerTo(identity(1).nodeId()));
        node.onFrame(childAddress, child.sealed(identity(1).nodeId(),
                new Registration(List.of(new Registration.Target(identity(3).nodeId(), 2, 600)))));
        assertEquals(List.of(identity(3).nodeId()), node.routes().downward().stream().map(DownwardRoute::target).toList());
        MeshPeer restarted = child.restarted().knows(identity(1));
        // its new registration, sealed with keys this node does not hold yet, came before its offer and was refused
        node.onFrame(childAddress, restarted.sealed(identity(1).nodeId(),
                new Registration(List.of(new Registration.Target(identity(3).nodeId(), 3, 600)))));
        transport.confirmable.clear();
        node.onFrame(childAddress, restarted.offerAskingTo(identity(1).nodeId()));
        assertEquals(OfferVerdict.INSTALLED, restarted.accept(identity(1).nodeId(), transport.confirmable.stream()
                .filter(s -> s.to.equals(childAddress) && (s.frame[0] & 0x0f) == 8).findFirst().orElseThrow().frame));
        assertTrue(transport.confirmable.stream().anyMatch(s -> s.to.equals(childAddress)
                && restarted.open(identity(1).nodeId(), s.frame).filter(RefreshRequest.class::isInstance).isPresent()),
                "the restarted child's registration was lost; it is asked again once its keys are here");
    }

    @Test
    void hellosAdvertiseTheRelayPriceAndNeighboursShowTheirs() {
        MeshNode node = node(MeshConfig.defaults());
        node.setRelayPrice(2_500);
        loop.runUntil(1_000);
        Hello sent = transport.multicast.stream().filter(f -> (f[0] & 0x0f) == 1).map(f -> (Hello) MeshPeer.decode(f))
                .reduce((a, b) -> b).orElseThrow();
        assertEquals(2_500, sent.relayPrice());
        node.onFrame(GATEWAY_ADDRESS, gateway.hello(true, Rank.ROOT, 0, 1000, 700));
        assertEquals(700, node.neighbors().get(0).relayPrice());
        assertThrows(IllegalArgumentException.class, () -> node.setRelayPrice(Hello.MAX_RELAY_PRICE + 1));
    }

    @Test
    void heartbeatsGoOutOnlyOnceTheNodeKnowsANeighbourWhoCanCheckThem() {
        MeshNode node = node(MeshConfig.defaults());
        loop.runUntil(3_000);
        assertEquals(0, transport.multicast.stream().filter(f -> (f[0] & 0x0f) == 2).count(), "heartbeats to nobody");
        gatewayJoins(node, GATEWAY_ADDRESS);
        loop.runUntil(6_000);
        assertTrue(transport.multicast.stream().filter(f -> (f[0] & 0x0f) == 2).count() >= 4,
                "a neighbour that holds this node's keys hears its heartbeats");
    }

    @Test
    void withUnicastProbesEveryHelloAlsoGoesToEachKnownNeighbour() {
        MeshConfig probing = new MeshConfig(400, 5, 2, 100, 9, 3, 300_000, 900, 64, 64, 8, 2.0, 120_000, 1_000, true);
        MeshNode node = node(probing);
        node.onFrame(GATEWAY_ADDRESS, FrameCodec.encode(SeededIdentities.signer(identity(2), 1).sign(true, Rank.ROOT, 0, 1000, 0)));
        loop.runUntil(1_000);
        long multicastHellos = transport.multicast.stream().filter(f -> (f[0] & 0x0f) == 1).count();
        long unicastHellos = transport.unicast.stream().filter(s -> s.to.equals(GATEWAY_ADDRESS) && (s.frame[0] & 0x0f) == 1).count();
        assertTrue(multicastHellos > 0);
        assertEquals(multicastHellos, unicastHellos);
    }

    @Test
    void silentNeighbourIsProbedAndStaysAliveWhileItAnswers() {
        MeshNode node = node(MeshConfig.defaults());
        gatewayJoins(node, GATEWAY_ADDRESS);
        loop.runUntil(1_320);
        assertEquals(0, probesTo(GATEWAY_ADDRESS), "probed before two heartbeats were missed");
        loop.runUntil(1_400);
        assertEquals(1, probesTo(GATEWAY_ADDRESS));
        node.onFrame(GATEWAY_ADDRESS, gateway.sealed(identity(1).nodeId(), new Probe(false)));
        loop.runUntil(3_500); // 3.5 s after the hello, 2.1 s after the answer
        assertTrue(node.neighbors().get(0).alive());
        loop.runUntil(10_000);
        assertFalse(node.neighbors().get(0).alive(), "a neighbour that stopped answering was not declared dead");
        assertTrue(probesTo(GATEWAY_ADDRESS) >= 4, "probes: " + probesTo(GATEWAY_ADDRESS));
    }

    @Test
    void answersAuthenticatedProbesFromKnownNeighboursOnly() {
        MeshNode node = node(MeshConfig.defaults());
        node.onFrame(GATEWAY_ADDRESS, gateway.sealed(identity(1).nodeId(), new Probe(true)));
        node.onFrame(GATEWAY_ADDRESS, FrameCodec.encode(new Probe(true)));
        assertEquals(0, answersTo(GATEWAY_ADDRESS), "a stranger is not answered");
        gatewayJoins(node, GATEWAY_ADDRESS);
        assertEquals(1, answersTo(GATEWAY_ADDRESS), "the question kept until the gateway's keys came is answered");
        node.onFrame(GATEWAY_ADDRESS, FrameCodec.encode(new Probe(true)));
        assertEquals(1, answersTo(GATEWAY_ADDRESS), "a bare question is not");
        assertEquals(2, node.linkAuthCounters().unsealedRefused());
        node.onFrame(GATEWAY_ADDRESS, gateway.sealed(identity(1).nodeId(), new Probe(true)));
        assertEquals(2, answersTo(GATEWAY_ADDRESS));
    }

    private long answersTo(LinkAddress to) {
        return transport.unicast.stream().filter(s -> s.to.equals(to) && innerType(s.frame) == 7
                && ((Sealed) MeshPeer.decode(s.frame)).inner()[1] == 0).count();
    }

    private long probesTo(LinkAddress to) {
        return transport.unicast.stream().filter(s -> s.to.equals(to) && innerType(s.frame) == 7
                && ((Sealed) MeshPeer.decode(s.frame)).inner()[1] == 1).count();
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
        node.onFrame(GATEWAY_ADDRESS, FrameCodec.encode(SeededIdentities.signer(identity(2), 1).sign(true, Rank.ROOT, 0, 1000, 0)));
        assertEquals(sent, transport.multicast.size());
        assertTrue(node.neighbors().isEmpty());
    }

    @Test
    void helloHeardOverIpAndBleIsOneNeighbourWithTwoLinksAndNoReplay() {
        MeshNode node = node(MeshConfig.defaults());
        LinkAddress ble = new LinkAddress("ble:02:00:00:00:00:02");
        byte[] hello = FrameCodec.encode(SeededIdentities.signer(identity(2), 1).sign(true, Rank.ROOT, 0, 1000, 0));
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
        MeshPeer childPeer = new MeshPeer(child).knows(identity(1));
        gateway.onFrame(childBle, childPeer.sealed(identity(1).nodeId(),
                new Registration(List.of(new Registration.Target(child.nodeId(), 1, 600)))));
        byte[] hello = childPeer.hello(false, Rank.ROOT + 192, 0, 0);
        gateway.onFrame(childIp, hello);
        gateway.onFrame(childIp, childPeer.offerTo(identity(1).nodeId()));
        assertTrue(gateway.routes().downward().isEmpty());
        gateway.onFrame(childBle, hello);
        assertEquals(List.of(child.nodeId()), gateway.routes().downward().stream().map(DownwardRoute::target).toList());
    }

    @Test
    void dataInFlightOverAnIpLinkThatDiesIsSentAgainOverBle() {
        MeshNode node = node(MeshConfig.defaults());
        LinkAddress ble = new LinkAddress("ble:02:00:00:00:00:02");
        gatewayJoins(node, GATEWAY_ADDRESS);
        node.onFrame(ble, gateway.hello(true, Rank.ROOT, 0, 1000));
        node.send(identity(2).nodeId(), new byte[] {7});
        assertEquals(1, dataTo(GATEWAY_ADDRESS));
        for (int t = 500; t <= 4_000; t += 500) {
            loop.runUntil(t);
            node.onFrame(ble, gateway.heartbeat());
        }
        assertTrue(node.neighbors().get(0).alive());
        assertEquals(1, dataTo(ble), "the packet the dead IP link never acknowledged was not sent over BLE");
        assertEquals(0L, node.forwardingCounters().dropped().getOrDefault(DropReason.LINK_FAILED, 0L));
    }

    @Test
    void dataInFlightOverALinkKilledByConTimeoutsIsSentAgainOverTheOtherLink() {
        MeshNode node = node(MeshConfig.defaults());
        LinkAddress ble = new LinkAddress("ble:02:00:00:00:00:02");
        byte[] hello = FrameCodec.encode(SeededIdentities.signer(identity(2), 1).sign(true, Rank.ROOT, 0, 1000, 0));
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
        return transport.confirmable.stream().filter(s -> s.to.equals(to) && innerType(s.frame) == 5).count();
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
