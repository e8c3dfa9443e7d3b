package io.smartshare.contracts.metering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smartshare.contracts.ContractException;
import org.junit.jupiter.api.Test;

class HeldStorageTest {
    @Test
    void integratesBytesHeldOverTimeIntoMegabyteSeconds() {
        HeldStorage held = HeldStorage.startingAt(0).advance(2_000_000, 0).advance(2_000_000, 10_000);
        assertEquals(20, held.megabyteSeconds());
        assertEquals(0, held.byteMillisCarried());
    }

    @Test
    void carriesFractionsInsteadOfLosingThem() {
        HeldStorage held = HeldStorage.startingAt(0).advance(1_000, 0);
        for (int second = 1; second <= 1_000; second++) {
            held = held.advance(1_000, second * 1_000L);
        }
        assertEquals(1, held.megabyteSeconds());
        assertEquals(0, held.byteMillisCarried());
        assertEquals(500_000_000, held.advance(0, 1_500_000).byteMillisCarried());
    }

    @Test
    void largeHoldingsOverLongPeriodsDoNotOverflow() {
        long year = 365L * 24 * 3600 * 1000;
        HeldStorage held = HeldStorage.startingAt(0).advance(4_000_000_000_000L, 0).advance(0, year);
        assertEquals(4_000_000L * 365 * 24 * 3600, held.megabyteSeconds());
    }

    @Test
    void rejectsReadingBeforeTheLastOne() {
        assertThrows(ContractException.class, () -> HeldStorage.startingAt(5_000).advance(1, 4_999));
    }
}
