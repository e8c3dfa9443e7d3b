package io.smartshare.contracts.metering;

import static io.smartshare.contracts.Fixtures.identity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.ContractException;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MeterIntervalTest {
    static final Ed25519PublicKey PEER = identity(0x02).publicKey();
    static final MeterKey UP = new MeterKey(PEER, Resource.RELAY_UP, Role.PROVIDED);
    static final MeterKey DOWN = new MeterKey(PEER, Resource.RELAY_DOWN, Role.CONSUMED);

    @Test
    void intervalHoldsTheIncreaseOfEveryCounterThatMoved() {
        MeterSnapshot earlier = new MeterSnapshot(1_000, Map.of(UP, 100L, DOWN, 50L));
        MeterSnapshot later = earlier.with(UP, 1_100, 2_000);
        MeterInterval interval = MeterInterval.between(earlier, later);
        assertEquals(1_000, interval.startMillis());
        assertEquals(2_000, interval.endMillis());
        assertEquals(Map.of(UP, 1_000L), interval.increase());
        assertEquals(0, interval.amount(DOWN));
    }

    @Test
    void newCountersCountFromZero() {
        MeterInterval interval = MeterInterval.between(MeterSnapshot.empty(0), new MeterSnapshot(5, Map.of(DOWN, 7L)));
        assertEquals(7, interval.amount(DOWN));
    }

    @Test
    void rejectsCounterThatWentBackwards() {
        MeterSnapshot earlier = new MeterSnapshot(1_000, Map.of(UP, 100L));
        ContractException e = assertThrows(ContractException.class,
                () -> MeterInterval.between(earlier, earlier.with(UP, 99, 2_000)));
        assertTrue(e.getMessage().contains("from 100 to 99"));
    }

    @Test
    void rejectsIntervalThatDoesNotMoveForward() {
        MeterSnapshot at = new MeterSnapshot(1_000, Map.of(UP, 100L));
        assertThrows(ContractException.class, () -> MeterInterval.between(at, at));
    }

    @Test
    void snapshotKnowsPeersPerRoleAndReadsMissingCountersAsZero() {
        MeterSnapshot snapshot = new MeterSnapshot(1, Map.of(UP, 3L));
        assertTrue(snapshot.knows(PEER, Role.PROVIDED));
        assertEquals(false, snapshot.knows(PEER, Role.CONSUMED));
        assertEquals(0, snapshot.amount(PEER, Resource.CPU, Role.PROVIDED));
    }

    @Test
    void rejectsNegativeCounter() {
        assertThrows(ContractException.class, () -> new MeterSnapshot(1, Map.of(UP, -1L)));
    }
}
