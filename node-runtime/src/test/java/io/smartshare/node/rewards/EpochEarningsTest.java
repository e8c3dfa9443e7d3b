package io.smartshare.node.rewards;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.schedule.RateTerms;
import io.smartshare.contracts.schedule.RewardSchedule;
import io.smartshare.contracts.settlement.Mark;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.testing.SeededIdentities;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EpochEarningsTest {
    private static final Ed25519PublicKey SELF = SeededIdentities.identity(1).publicKey();
    private static final Ed25519PublicKey A = SeededIdentities.identity(2).publicKey();
    private static final Ed25519PublicKey B = SeededIdentities.identity(3).publicKey();

    private static ReceiptDesk.Slot slot(Ed25519PublicKey consumer, Resource resource) {
        return new ReceiptDesk.Slot(NodeId.of(consumer), resource);
    }

    @Test
    void theEpochsUnitsAreWhatConsumersSignedBeyondTheLastSettlementsMarks() {
        Map<ReceiptDesk.Slot, Long> amounts = Map.of(slot(A, Resource.RELAY_UP), 1_000L, slot(B, Resource.RELAY_UP),
                500L, slot(A, Resource.STORAGE), 300L, slot(B, Resource.CPU), 70L);
        List<Mark> marks = List.of(new Mark(SELF, A, Resource.RELAY_UP, 400), new Mark(SELF, B, Resource.CPU, 70),
                new Mark(A, B, Resource.RELAY_UP, 9_999));
        assertEquals(Map.of(Resource.RELAY_UP, 1_100L, Resource.STORAGE, 300L),
                EpochEarnings.units(SELF, amounts, marks), "A's 400 settled; B's cpu all settled; A's own mark not ours");
        assertEquals(Map.of(Resource.RELAY_UP, 1_500L, Resource.STORAGE, 300L, Resource.CPU, 70L),
                EpochEarnings.units(SELF, amounts, List.of()), "nothing settled yet: everything accepted");
    }

    @Test
    void theEstimateValuesEachResourceAtItsRateAndCapsIt() {
        RewardSchedule schedule = new RewardSchedule(1, 0, 1_000_000, Map.of(Resource.RELAY_UP, new RateTerms(3, 1_000, 10),
                Resource.STORAGE, new RateTerms(5, 1, 100)));
        assertEquals(3 + 100, EpochEarnings.value(schedule, Map.of(Resource.RELAY_UP, 1_100L, Resource.STORAGE, 300L,
                Resource.CPU, 50L)), "floor(1100 * 3 / 1000) = 3; 1500 capped at 100; cpu is not paid");
        assertEquals(0, EpochEarnings.value(schedule, Map.of()));
    }
}
