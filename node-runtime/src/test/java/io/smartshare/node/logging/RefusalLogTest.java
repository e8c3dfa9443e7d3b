package io.smartshare.node.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.NOPLogger;

class RefusalLogTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final RefusalLog log = new RefusalLog(NOPLogger.NOP_LOGGER, 60_000, now::get);

    @Test
    void writesTheFirstRefusalOfAKindThenNoneUntilTheIntervalEnds() {
        assertTrue(log.refused("receipt-rejected", "peer={}", "a"));
        for (int i = 0; i < 100_000; i++) {
            assertFalse(log.refused("receipt-rejected", "peer={}", "a"));
        }
        now.addAndGet(59_999);
        assertFalse(log.refused("receipt-rejected", "peer={}", "a"));
        now.addAndGet(1);
        assertTrue(log.refused("receipt-rejected", "peer={}", "a"), "one line a minute, with the count");
    }

    @Test
    void eachKindHasItsOwnInterval() {
        assertTrue(log.refused("receipt-rejected", ""));
        assertTrue(log.refused("balance-proof-rejected", ""));
        assertFalse(log.refused("receipt-rejected", ""));
        assertEquals(true, log.refused("channel-open-rejected", ""));
    }
}
