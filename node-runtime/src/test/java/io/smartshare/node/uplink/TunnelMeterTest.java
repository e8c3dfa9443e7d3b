package io.smartshare.node.uplink;

import static io.smartshare.node.testing.SeededIdentities.identity;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smartshare.hal.dataplane.DataPlaneException;
import io.smartshare.hal.dataplane.PeerTransfer;
import io.smartshare.hal.dataplane.WireGuardKey;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.mesh.forwarding.Carriage;
import io.smartshare.node.mesh.forwarding.CarriageSnapshot;
import io.smartshare.node.testing.SeededIdentities;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TunnelMeterTest {
    private static final NodeId PARENT = identity(2).nodeId();
    private static final NodeId CHILD = identity(3).nodeId();
    private static final NodeId SIBLING = identity(5).nodeId();
    private static final WireGuardKey P = key(2);
    private static final WireGuardKey C = key(3);
    private static final WireGuardKey S = key(5);
    private static final WireGuardKey STRANGER = key(9);
    private static final Map<WireGuardKey, NodeId> IDS = Map.of(P, PARENT, C, CHILD, S, SIBLING);

    private static WireGuardKey key(int seed) {
        return WireGuardKey.of(SeededIdentities.tunnelPublic(identity(seed)));
    }

    private static TunnelMeter.Reading reading(Map<WireGuardKey, PeerTransfer> counters, NodeId parent,
            NodeId... children) {
        return new TunnelMeter.Reading(counters, IDS, Optional.of(parent), Set.of(children));
    }

    @Test
    void aChildsTrafficIsProvidedTheParentsConsumedOthersNotMetered() {
        Deque<TunnelMeter.Reading> readings = new ArrayDeque<>(List.of(
                reading(Map.of(P, new PeerTransfer(100, 200), C, new PeerTransfer(300, 50), S, new PeerTransfer(7, 7),
                        STRANGER, new PeerTransfer(9, 9)), PARENT, CHILD),
                reading(Map.of(P, new PeerTransfer(1_100, 1_200), C, new PeerTransfer(2_300, 1_050),
                        S, new PeerTransfer(70, 70)), PARENT, CHILD)));
        TunnelMeter meter = new TunnelMeter(readings::remove);
        meter.get();
        CarriageSnapshot carried = meter.get();
        assertEquals(0, readings.size(), "every get reads afresh");
        assertEquals(Map.of(CHILD, new Carriage(2_300, 1_050, 0)), carried.providedTo(),
                "up: what the child sent us; down: what we sent it");
        assertEquals(Map.of(PARENT, new Carriage(1_200, 1_100, 0)), carried.consumedFrom(),
                "up: what we sent the parent; down: what it sent us");
    }

    @Test
    void theSyncReadsOnlyWhenNoReadingIsFresherThanAsked() {
        Deque<TunnelMeter.Reading> readings = new ArrayDeque<>(List.of(
                reading(Map.of(C, new PeerTransfer(10, 20)), PARENT, CHILD),
                reading(Map.of(C, new PeerTransfer(30, 40)), PARENT, CHILD)));
        TunnelMeter meter = new TunnelMeter(readings::remove);
        meter.readIfOlderThan(Duration.ofHours(1));
        assertEquals(Map.of(C, new PeerTransfer(10, 20)), meter.lastCounters(), "never read: it reads");
        meter.readIfOlderThan(Duration.ofHours(1));
        assertEquals(1, readings.size(), "a reading within the hour: no second read");
        meter.readIfOlderThan(Duration.ZERO);
        assertEquals(Map.of(C, new PeerTransfer(30, 40)), meter.lastCounters());
    }

    @Test
    void bytesGoToTheRoleThePeerHadWhenTheyMovedAndACounterThatWentBackCountsFromZero() {
        TunnelMeter meter = new TunnelMeter(() -> {
            throw new DataPlaneException("wg: no such device");
        });
        meter.record(reading(Map.of(S, new PeerTransfer(500, 500)), SIBLING));
        meter.record(reading(Map.of(S, new PeerTransfer(800, 600)), PARENT, SIBLING));
        meter.record(reading(Map.of(S, new PeerTransfer(40, 10)), PARENT, SIBLING));
        CarriageSnapshot carried = meter.get();
        assertEquals(Optional.of("wg: no such device"), meter.lastError(), "a failed reading keeps the totals");
        assertEquals(Map.of(SIBLING, new Carriage(500, 500, 0)), carried.consumedFrom(), "while it was the parent");
        assertEquals(Map.of(SIBLING, new Carriage(300 + 40, 100 + 10, 0)), carried.providedTo(),
                "then a child; its counters restarted");
    }
}
