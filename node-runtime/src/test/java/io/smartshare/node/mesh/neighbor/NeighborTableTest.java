package io.smartshare.node.mesh.neighbor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.node.mesh.link.Delivery;
import io.smartshare.node.mesh.link.LinkAddress;
import io.smartshare.node.mesh.wire.Hello;
import io.smartshare.node.testing.SeededIdentities;
import java.util.List;
import org.junit.jupiter.api.Test;

class NeighborTableTest {
    private static final LinkAddress ADDRESS = new LinkAddress("sim:5");
    private final NeighborTable table = new NeighborTable(8, 2_200, 1_000, 300, 2, 60_000);
    private final Hello hello = helloFrom(1);

    private static Hello helloFrom(int seed) {
        return SeededIdentities.signer(SeededIdentities.identity(seed), 1).sign(false, 256, 0, 0, 0);
    }

    @Test
    void declaresNeighbourDeadAfterMissedHeartbeatsAndOnlyThen() {
        table.helloAccepted(ADDRESS, hello, 0);
        for (int t = 400, seq = 1; t <= 2_000; t += 400, seq++) {
            table.heartbeat(ADDRESS, seq, t);
        }
        assertEquals(List.of(), table.expire(4_200, id -> { }).died());
        assertEquals(List.of(hello.sender()), table.expire(4_201, id -> { }).died());
        assertFalse(table.isAlive(hello.sender()));
    }

    @Test
    void declaresNeighbourDeadAfterConsecutiveConTimeouts() {
        table.helloAccepted(ADDRESS, hello, 0);
        assertFalse(table.delivery(ADDRESS, new Delivery.TimedOut(5), 10));
        assertTrue(table.delivery(ADDRESS, new Delivery.TimedOut(5), 20));
        assertFalse(table.isAlive(hello.sender()));
    }

    @Test
    void aNeighbourIsEstablishedOnlyOnceItBothSendsWithItsKeyAndReceivesAtItsAddress() {
        table.helloAccepted(ADDRESS, hello, 0);
        table.delivery(ADDRESS, new Delivery.Acknowledged(1), 10);
        assertFalse(table.isEstablished(hello.sender()), "an acknowledgement alone");
        NeighborTable other = new NeighborTable(32, 2_200, 1_000, 300, 2, 60_000);
        other.helloAccepted(ADDRESS, hello, 0);
        other.keyed(hello.sender());
        assertFalse(other.isEstablished(hello.sender()), "a key offer alone: it can come from a spoofed address");
        table.keyed(hello.sender());
        assertTrue(table.isEstablished(hello.sender()));
    }

    @Test
    void acknowledgementResetsTheTimeoutCount() {
        table.helloAccepted(ADDRESS, hello, 0);
        table.delivery(ADDRESS, new Delivery.TimedOut(5), 10);
        table.delivery(ADDRESS, new Delivery.Acknowledged(1), 20);
        assertFalse(table.delivery(ADDRESS, new Delivery.TimedOut(5), 30));
    }

    @Test
    void revivedNeighbourIsNoParentCandidateUntilItsNextHello() {
        table.helloAccepted(ADDRESS, hello, 0);
        table.expire(10_000, id -> { });
        assertEquals(Heard.REVIVED, table.heartbeat(ADDRESS, 9, 10_100));
        assertTrue(table.isAlive(hello.sender()));
        assertTrue(table.candidates().isEmpty());
        table.helloAccepted(ADDRESS, helloFrom(1), 10_200);
        assertEquals(1, table.candidates().size());
    }

    @Test
    void ignoresHeartbeatFromAnAddressWithoutVerifiedHello() {
        table.helloAccepted(ADDRESS, hello, 0);
        assertEquals(Heard.UNKNOWN, table.heartbeat(new LinkAddress("sim:6"), 1, 100));
        assertEquals(List.of(hello.sender()), table.expire(2_201, id -> { }).died());
    }

    @Test
    void nextCheckIsTheEarliestSuspicionProbeOrDeathOfALiveNeighbour() {
        assertTrue(table.nextCheckMillis(0).isEmpty());
        table.helloAccepted(ADDRESS, hello, 0);
        table.helloAccepted(new LinkAddress("sim:6"), helloFrom(2), 500);
        assertEquals(1_001, table.nextCheckMillis(0).getAsLong()); // ADDRESS becomes a suspect
        table.heartbeat(ADDRESS, 1, 1_000);
        assertEquals(1_501, table.nextCheckMillis(1_000).getAsLong()); // now sim:6 does
        assertEquals(List.of(new LinkAddress("sim:6")), table.suspectsToProbe(1_501));
        assertEquals(1_801, table.nextCheckMillis(1_501).getAsLong()); // its next probe
        table.suspectsToProbe(2_401);
        assertEquals(2_701, table.nextCheckMillis(2_401).getAsLong()); // its death comes before its next probe
        assertEquals(List.of(helloFrom(2).sender()), table.expire(2_701, id -> { }).died());
        assertEquals(2_701, table.nextCheckMillis(2_701).getAsLong()); // ADDRESS, a suspect never probed: due now
    }

    @Test
    void probesASuspectAtMostOncePerIntervalAndNotOnceHeard() {
        table.helloAccepted(ADDRESS, hello, 0);
        assertEquals(List.of(), table.suspectsToProbe(1_000));
        assertEquals(List.of(ADDRESS), table.suspectsToProbe(1_001));
        assertEquals(List.of(), table.suspectsToProbe(1_300));
        assertEquals(List.of(ADDRESS), table.suspectsToProbe(1_301));
        table.heardFrom(ADDRESS, 1_400);
        assertEquals(List.of(), table.suspectsToProbe(1_700));
    }

    @Test
    void forgetsLongDeadNeighboursAndReportsThem() {
        table.helloAccepted(ADDRESS, hello, 0);
        table.expire(3_000, id -> { });
        List<Object> purged = new java.util.ArrayList<>();
        table.expire(63_000, purged::add);
        assertEquals(List.of(hello.sender()), purged);
        assertTrue(table.views(63_000).isEmpty());
    }

    private static LinkAddress at(int i) {
        return new LinkAddress("sim:" + (100 + i));
    }

    @Test
    void aNewcomerToAFullTableTakesThePlaceOfTheFirstNeighbourThatNeverProvedItsLink() {
        for (int i = 1; i <= 8; i++) {
            assertTrue(table.helloAccepted(at(i), helloFrom(i), i));
        }
        assertTrue(table.helloAccepted(at(9), helloFrom(9), 100), "Sybils cannot crowd a newcomer out");
        assertFalse(table.knows(helloFrom(1).sender()), "the first to enter, never established, left");
        assertTrue(table.knows(helloFrom(9).sender()));
        assertEquals(1, table.newcomerEvictions());
    }

    @Test
    void establishedNeighboursAreNeverEvictedAndAnEighthOfTheTableStaysForNewcomers() {
        for (int i = 1; i <= 8; i++) {
            table.helloAccepted(at(i), helloFrom(i), i);
            table.keyed(helloFrom(i).sender());
            table.delivery(at(i), new Delivery.Acknowledged(1), 10 + i);
        }
        assertEquals(7, table.established(), "one entry of eight is kept for newcomers");
        assertFalse(table.isEstablished(helloFrom(8).sender()));
        for (int i = 9; i <= 30; i++) {
            assertTrue(table.helloAccepted(at(i), helloFrom(i), 100 + i), "newcomer " + i + " gets in");
        }
        for (int i = 1; i <= 7; i++) {
            assertTrue(table.isEstablished(helloFrom(i).sender()), "established neighbour " + i + " stays");
        }
        assertEquals(8, table.views(200).size());
        assertEquals(22, table.newcomerEvictions());
    }

    @Test
    void aSmallTableFullOfEstablishedNeighboursRefusesANewcomer() {
        NeighborTable small = new NeighborTable(4, 2_200, 1_000, 300, 2, 60_000);
        for (int i = 1; i <= 4; i++) {
            small.helloAccepted(at(i), helloFrom(i), i);
            small.keyed(helloFrom(i).sender());
            small.delivery(at(i), new Delivery.Acknowledged(1), 10 + i);
        }
        assertFalse(small.helloAccepted(at(5), helloFrom(5), 100));
        assertEquals(4, small.established());
    }
}
