package io.smartshare.node.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NodeSchedulerTest {
    @Test
    void aTaskThatThrowsRunsAgainAndItsFailuresAreCounted() throws Exception {
        try (NodeScheduler scheduler = NodeScheduler.start()) {
            AtomicInteger calls = new AtomicInteger();
            CountDownLatch fourRuns = new CountDownLatch(4);
            PeriodicTask task = scheduler.every("flaky", () -> Duration.ofMillis(5), () -> {
                fourRuns.countDown();
                if (calls.incrementAndGet() % 2 == 1) {
                    throw new IllegalStateException("odd run");
                }
            });
            assertTrue(fourRuns.await(10, TimeUnit.SECONDS), "the task kept running after it threw");
            task.cancel();
            assertTrue(task.failures() >= 2, "failures " + task.failures());
            @SuppressWarnings("unchecked")
            Map<String, Object> doc = (Map<String, Object>) scheduler.toDocument().get("flaky");
            assertEquals("java.lang.IllegalStateException: odd run", doc.get("last-failure"));
        }
    }

    @Test
    void aBlockingTaskDoesNotDelayTheTimerThread() throws Exception {
        try (NodeScheduler scheduler = NodeScheduler.start()) {
            CountDownLatch release = new CountDownLatch(1);
            scheduler.everyBlocking("slow", () -> Duration.ofMillis(1), () -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            CountDownLatch ticks = new CountDownLatch(3);
            scheduler.every("tick", () -> Duration.ofMillis(5), ticks::countDown);
            assertTrue(ticks.await(10, TimeUnit.SECONDS), "quick tasks ran while the blocking one waited");
            release.countDown();
        }
    }
}
