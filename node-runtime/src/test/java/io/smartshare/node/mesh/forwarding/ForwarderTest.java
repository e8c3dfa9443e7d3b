package io.smartshare.node.mesh.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.mesh.forwarding.ForwardingDecision.Deliver;
import io.smartshare.node.mesh.forwarding.ForwardingDecision.Drop;
import io.smartshare.node.mesh.forwarding.ForwardingDecision.DropReason;
import io.smartshare.node.mesh.forwarding.ForwardingDecision.Forward;
import io.smartshare.node.mesh.wire.DataPacket;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ForwarderTest {
    private static final NodeId SELF = new NodeId("ssaaaaaaaaaaaaaaaaaaaaaaaaaa");
    private static final NodeId PARENT = new NodeId("ssbbbbbbbbbbbbbbbbbbbbbbbbbb");
    private static final NodeId CHILD = new NodeId("sscccccccccccccccccccccccccc");
    private static final NodeId FAR = new NodeId("ssdddddddddddddddddddddddddd");

    private static DataPacket to(NodeId destination, int hopLimit) {
        return new DataPacket(hopLimit, CHILD, destination, new byte[10]);
    }

    @Test
    void deliversPacketsForThisNode() {
        assertEquals(new Deliver(to(SELF, 1)), Forwarder.decide(SELF, to(SELF, 1), Optional.of(CHILD), true, Optional.empty(), Optional.of(PARENT)));
    }

    @Test
    void prefersARegisteredRouteDownAndDecrementsTheHopLimitWhenRelaying() {
        assertEquals(new Forward(CHILD, false, to(FAR, 9)),
                Forwarder.decide(SELF, to(FAR, 10), Optional.of(PARENT), true, Optional.of(CHILD), Optional.of(PARENT)));
    }

    @Test
    void sendsUnknownDestinationsUpToTheParent() {
        assertEquals(new Forward(PARENT, true, to(FAR, 64)),
                Forwarder.decide(SELF, to(FAR, 64), Optional.empty(), false, Optional.empty(), Optional.of(PARENT)));
    }

    @Test
    void dropsWhenTheHopLimitWouldReachZero() {
        assertEquals(new Drop(DropReason.HOP_LIMIT_EXHAUSTED),
                Forwarder.decide(SELF, to(FAR, 1), Optional.of(PARENT), true, Optional.of(CHILD), Optional.of(PARENT)));
    }

    @Test
    void dropsWithoutRouteDownOrParent() {
        assertEquals(new Drop(DropReason.NO_ROUTE), Forwarder.decide(SELF, to(FAR, 5), Optional.of(CHILD), true, Optional.empty(), Optional.empty()));
    }

    @Test
    void neverSendsAPacketBackUpToTheParentItCameFrom() {
        assertEquals(new Drop(DropReason.NO_ROUTE),
                Forwarder.decide(SELF, to(FAR, 9), Optional.of(PARENT), true, Optional.empty(), Optional.of(PARENT)));
        assertEquals(new Forward(PARENT, true, to(FAR, 8)),
                Forwarder.decide(SELF, to(FAR, 9), Optional.of(CHILD), true, Optional.empty(), Optional.of(PARENT)));
    }

    @Test
    void meterCountsRelayedBytesPerUpstreamAndDownstreamPeerInAnImmutableSnapshot() {
        RelayMeter meter = new RelayMeter();
        meter.relayed(CHILD, PARENT, 100);
        meter.relayed(CHILD, PARENT, 50);
        meter.relayed(PARENT, CHILD, 30);
        RelaySnapshot snapshot = meter.snapshot();
        meter.relayed(CHILD, PARENT, 1_000);
        assertEquals(new PeerRelayBytes(150, 2, 30, 1), snapshot.of(CHILD));
        assertEquals(new PeerRelayBytes(30, 1, 150, 2), snapshot.of(PARENT));
        assertEquals(180, snapshot.totalBytesRelayed());
        assertThrows(UnsupportedOperationException.class, () -> snapshot.peers().clear());
    }
}
