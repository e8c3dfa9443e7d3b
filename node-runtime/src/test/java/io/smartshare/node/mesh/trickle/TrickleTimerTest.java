package io.smartshare.node.mesh.trickle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.node.mesh.sim.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrickleTimerTest {
    private final EventLoop loop = new EventLoop();
    private final List<Long> sent = new ArrayList<>();
    private final TrickleTimer timer = new TrickleTimer(loop, new Random(7), 100, 3, 2, () -> sent.add(loop.nowMillis()));

    @Test
    void transmitsOncePerIntervalInItsSecondHalfWhileIntervalsDoubleUpToImax() {
        timer.start();
        loop.runUntil(100 + 200 + 400 + 800 + 800 - 1);
        long[] starts = {0, 100, 300, 700, 1500};
        long[] lengths = {100, 200, 400, 800, 800};
        assertEquals(5, sent.size());
        for (int i = 0; i < 5; i++) {
            long t = sent.get(i) - starts[i];
            assertTrue(t >= lengths[i] / 2 && t < lengths[i], "transmission " + i + " at " + t + " into its interval");
        }
        assertEquals(800, timer.intervalMillis());
    }

    @Test
    void suppressesTransmissionAfterHearingKConsistentMessages() {
        timer.start();
        timer.hearConsistent();
        timer.hearConsistent();
        loop.runUntil(99);
        assertEquals(0, sent.size());
    }

    @Test
    void resetReturnsToIminOnInconsistency() {
        timer.start();
        loop.runUntil(1_000);
        assertEquals(800, timer.intervalMillis());
        int before = sent.size();
        timer.reset();
        assertEquals(100, timer.intervalMillis());
        loop.runUntil(1_099);
        assertEquals(before + 1, sent.size());
    }

    @Test
    void stopsTransmittingWhenStopped() {
        timer.start();
        timer.stop();
        loop.runUntil(10_000);
        assertEquals(0, sent.size());
    }
}
