package io.smartshare.contracts.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.ContractException;
import org.junit.jupiter.api.Test;

/** Worked example 1 of docs/contracts.md §9. */
class ToleranceTest {
    final Tolerance tolerance = Tolerance.DEFAULT;

    @Test
    void exampleOneTolerancesAndDecisions() {
        assertEquals(216_384, tolerance.around(10_000_000));
        assertTrue(tolerance.allows(10_150_000, 10_000_000));
        assertTrue(tolerance.allows(10_216_384, 10_000_000));
        assertFalse(tolerance.allows(10_216_385, 10_000_000));
        assertFalse(tolerance.allows(9_780_000, 10_000_000));
        assertEquals(36_384, tolerance.around(1_000_000));
        assertTrue(tolerance.allows(1_036_384, 1_000_000));
        assertFalse(tolerance.allows(1_065_536, 1_000_000), "the old absolute floor's bound is gone");
    }

    @Test
    void aConsumerServedOneByteCannotBeBilledSixtyFiveKilobytes() {
        assertEquals(16_384, tolerance.around(1));
        assertFalse(tolerance.allows(65_537, 1));
        assertTrue(tolerance.allows(16_385, 1));
        assertFalse(tolerance.allows(16_386, 1));
    }

    @Test
    void largeMeterReadingsDoNotOverflow() {
        assertEquals(Long.MAX_VALUE / 10_000 * 200 + Long.MAX_VALUE % 10_000 * 200 / 10_000 + 16_384,
                tolerance.around(Long.MAX_VALUE));
        assertTrue(tolerance.allows(Long.MAX_VALUE, Long.MAX_VALUE - 1));
        assertEquals(Long.MAX_VALUE, new Tolerance(10_000, Long.MAX_VALUE).around(Long.MAX_VALUE), "saturates");
    }

    @Test
    void rejectsBasisPointsAboveOneHundredPercentAndANegativeSlack() {
        ContractException e = assertThrows(ContractException.class, () -> new Tolerance(10_001, 0));
        assertTrue(e.getMessage().contains("10001"));
        assertThrows(ContractException.class, () -> new Tolerance(200, -1));
    }
}
