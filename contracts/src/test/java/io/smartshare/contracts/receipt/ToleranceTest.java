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
        assertEquals(200_000, tolerance.around(10_000_000));
        assertTrue(tolerance.allows(10_150_000, 10_000_000));
        assertTrue(tolerance.allows(10_200_000, 10_000_000));
        assertFalse(tolerance.allows(10_200_001, 10_000_000));
        assertFalse(tolerance.allows(9_790_000, 10_000_000));
        assertEquals(65_536, tolerance.around(1_000_000));
        assertTrue(tolerance.allows(1_065_536, 1_000_000));
    }

    @Test
    void largeMeterReadingsDoNotOverflow() {
        assertEquals(Long.MAX_VALUE / 10_000 * 200 + Long.MAX_VALUE % 10_000 * 200 / 10_000,
                tolerance.around(Long.MAX_VALUE));
        assertTrue(tolerance.allows(Long.MAX_VALUE, Long.MAX_VALUE - 1));
    }

    @Test
    void rejectsBasisPointsAboveOneHundredPercent() {
        ContractException e = assertThrows(ContractException.class, () -> new Tolerance(10_001, 0));
        assertTrue(e.getMessage().contains("10001"));
    }
}
