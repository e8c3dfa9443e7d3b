package io.smartshare.hal.driver.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WrappingCounterTest {
    private static final long TWO_POW_32 = 1L << 32;

    @Test
    void startsAtTheKernelsValueAndFollowsIt() {
        WrappingCounter counter = new WrappingCounter(1000);
        assertEquals(1000, counter.total());
        assertEquals(1500, counter.advance(1500));
        assertEquals(1500, counter.advance(1500));
    }

    @Test
    void carries32BitCounterPastItsWrap() {
        WrappingCounter counter = new WrappingCounter(TWO_POW_32 - 100);
        assertEquals(TWO_POW_32 + 50, counter.advance(50));
        assertEquals(TWO_POW_32 + 1050, counter.advance(1050));
    }

    @Test
    void carries64BitCounterPastItsWrap() {
        long nearTop = -256L; // 2^64 - 256 as an unsigned value
        WrappingCounter counter = new WrappingCounter(nearTop);
        counter.advance(nearTop + 56); // 2^64 - 200
        long before = counter.total();
        assertEquals(before + 200 + 300, counter.advance(300));
    }

    @Test
    void takesAFallTooLargeForAWrapAsARestartFromZero() {
        WrappingCounter small = new WrappingCounter(1_000_000);
        assertEquals(1_000_000 + 400, small.advance(400));
        WrappingCounter large = new WrappingCounter(50_000_000_000L);
        assertEquals(50_000_000_000L + 7, large.advance(7));
    }

    @Test
    void vanishedInterfaceCountsOnFromItsOldValue() {
        WrappingCounter counter = new WrappingCounter(5000);
        counter.vanished();
        assertEquals(6000, counter.advance(6000));
    }

    @Test
    void recreatedInterfaceCountsOnFromZero() {
        WrappingCounter counter = new WrappingCounter(5000);
        counter.vanished();
        assertEquals(5000 + 100, counter.advance(100));
    }

    @Test
    void followsAWrapping32BitCounterOverManyWrapsExactly() {
        SplittableRandom random = new SplittableRandom(2026);
        long kernel = 4_000_000_000L;
        long truth = kernel;
        WrappingCounter counter = new WrappingCounter(kernel);
        for (int read = 0; read < 10_000; read++) {
            long step = random.nextLong(1L << 30);
            truth += step;
            kernel = (kernel + step) & 0xFFFF_FFFFL;
            assertEquals(truth, counter.advance(kernel));
        }
        assertEquals(true, truth > 100 * TWO_POW_32, "the counter wrapped many times");
    }

    @Test
    void followsA64BitCounterAcrossItsWrapExactly() {
        SplittableRandom random = new SplittableRandom(7);
        long kernel = -(1L << 40); // 2^64 - 2^40, unsigned
        WrappingCounter counter = new WrappingCounter(kernel);
        long start = counter.total();
        long sum = 0;
        for (int read = 0; read < 10_000; read++) {
            long step = random.nextLong(1L << 30);
            sum += step;
            kernel += step;
            assertEquals(start + sum, counter.advance(kernel));
        }
    }
}
