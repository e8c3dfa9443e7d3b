package io.smartshare.node.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CpuShareTest {
    @Test
    void aCapIsAShareOfAllCoresOfWhichOneJobThreadUsesAtMostOne() {
        assertEquals(0.5, CpuShare.of(25, 2).share());
        assertEquals(1.0, CpuShare.of(25, 4).share());
        assertEquals(1.0, CpuShare.of(60, 2).share());
        assertEquals(0.15, CpuShare.of(15, 1).share(), 1e-9);
    }

    @Test
    void sleepsWhatTheJobIsAheadOfItsShare() {
        AtomicLong cpu = new AtomicLong();
        AtomicLong wall = new AtomicLong();
        CpuShare share = new CpuShare(0.5, cpu::get, wall::get);
        share.begin();
        cpu.set(2_000_000);
        wall.set(2_500_000);
        assertFalse(share.pace());
        assertEquals(1_500_000, share.sleptNanos(), "2 ms of CPU at half a core take 4 ms; 2.5 passed");
        cpu.set(2_500_000);
        wall.set(5_000_000);
        share.pace();
        assertEquals(1_500_000, share.sleptNanos(), "on time: no more sleep");
    }
}
