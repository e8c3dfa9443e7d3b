package io.smartshare.node.mesh.neighbor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.node.mesh.link.Delivery;
import io.smartshare.node.mesh.link.LinkAddress;
import io.smartshare.node.mesh.link.Medium;
import io.smartshare.node.mesh.wire.Hello;
import io.smartshare.node.testing.SeededIdentities;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One neighbour heard over IP and BLE: one entry, a link per medium, each with its own liveness. */
class MultiLinkNeighborTest {
    private static final LinkAddress IP = new LinkAddress("10.0.0.2:5683");
    private static final LinkAddress BLE = new LinkAddress("ble:AA:BB:CC:DD:EE:02");
    private final NeighborTable table = new NeighborTable(8, 2_200, 1_000, 300, 2, 60_000);
    private final Hello hello = helloFrom(1);

    private static Hello helloFrom(int seed) {
        return SeededIdentities.signer(SeededIdentities.identity(seed), 1).sign(false, 256, 0, 0, 0);
    }

    private void heardOverBoth() {
        table.helloAccepted(IP, hello, 0);
        assertEquals(Heard.ALIVE, table.sighted(BLE, hello, 10));
    }

    @Test
    void sightingOverTheSecondMediumAddsALinkToTheSameNeighbour() {
        heardOverBoth();
        List<NeighborView> views = table.views(10);
        assertEquals(1, views.size());
        assertEquals(List.of(IP, BLE), views.get(0).links().stream().map(LinkView::address).toList());
        assertEquals(Optional.of(hello.sender()), table.idAt(BLE));
        assertEquals(Optional.of(IP), table.addressOf(hello.sender()), "IP is preferred while both are live");
    }

    @Test
    void silentIpLinkDiesTrafficMovesToBleAndTheNeighbourStays() {
        heardOverBoth();
        for (int t = 500, seq = 1; t <= 3_000; t += 500, seq++) {
            table.heartbeat(BLE, seq, t);
        }
        Expiry expiry = table.expire(3_000, id -> { });
        assertEquals(List.of(), expiry.died());
        assertEquals(List.of(IP), expiry.linksLost());
        assertTrue(table.isAlive(hello.sender()));
        assertEquals(Optional.of(BLE), table.addressOf(hello.sender()));
        assertEquals(Optional.empty(), table.addressOf(hello.sender(), Medium.IP));
        assertEquals(1, table.candidates().size(), "still a parent candidate, over BLE");
        assertEquals(Heard.ALIVE, table.heartbeat(IP, 9, 3_100));
        assertEquals(Optional.of(IP), table.addressOf(hello.sender()), "back on IP once heard there");
    }

    @Test
    void bothLinksSilentMakeTheNeighbourDead() {
        heardOverBoth();
        table.heartbeat(BLE, 1, 1_000);
        assertEquals(List.of(IP), table.expire(2_201, id -> { }).linksLost());
        Expiry expiry = table.expire(3_201, id -> { });
        assertEquals(List.of(hello.sender()), expiry.died());
        assertEquals(List.of(), expiry.linksLost());
        assertFalse(table.isAlive(hello.sender()));
        assertEquals(Optional.empty(), table.addressOf(hello.sender()));
    }

    @Test
    void conTimeoutsKillOnlyTheirLinkUntilNoLinkIsLeft() {
        heardOverBoth();
        assertFalse(table.delivery(IP, new Delivery.TimedOut(5), 20));
        assertFalse(table.delivery(IP, new Delivery.TimedOut(5), 30));
        assertEquals(Optional.of(BLE), table.addressOf(hello.sender()));
        assertFalse(table.delivery(BLE, new Delivery.TimedOut(3), 40));
        assertTrue(table.delivery(BLE, new Delivery.TimedOut(3), 50));
        assertFalse(table.isAlive(hello.sender()));
    }

    @Test
    void probesOnlyTheSilentLink() {
        heardOverBoth();
        table.heardFrom(BLE, 900);
        assertEquals(List.of(IP), table.suspectsToProbe(1_001));
    }

    @Test
    void sightingRevivesADeadNeighbourButDoesNotMakeItACandidate() {
        heardOverBoth();
        table.expire(3_000, id -> { });
        assertEquals(Heard.REVIVED, table.sighted(BLE, hello, 3_100));
        assertTrue(table.isAlive(hello.sender()));
        assertTrue(table.candidates().isEmpty());
    }

    @Test
    void sightingOfAnUnknownNeighbourIsIgnored() {
        assertEquals(Heard.UNKNOWN, table.sighted(BLE, hello, 0));
        assertTrue(table.views(0).isEmpty());
    }

    @Test
    void newAddressOnAMediumReplacesTheOldOne() {
        heardOverBoth();
        LinkAddress moved = new LinkAddress("ble:AA:BB:CC:DD:EE:03");
        table.sighted(moved, hello, 20);
        assertEquals(Optional.empty(), table.idAt(BLE));
        assertEquals(List.of(IP, moved), table.views(20).get(0).links().stream().map(LinkView::address).toList());
    }
}
