package io.smartshare.node.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnedJobsTest {
    @TempDir
    Path dir;

    private static OwnedJob job(int i, String state) {
        return new OwnedJob(String.format("%032x", i), "ssprovider", List.of("local"), state, "detail " + i, 10L * i,
                "exited", 0, "ab", 4, 1, 1000 + i, 0);
    }

    @Test
    void recordsSurviveARestartAndAnUnfinishedOneIsMarkedFailed() throws Exception {
        OwnedJobs jobs = OwnedJobs.open(dir, 0);
        jobs.put(job(1, "verified"));
        jobs.put(job(2, "running"));
        OwnedJobs again = OwnedJobs.open(dir, 5_000);
        assertEquals(job(1, "verified"), again.find(job(1, "").id()).orElseThrow());
        OwnedJob interrupted = again.find(job(2, "").id()).orElseThrow();
        assertEquals("failed", interrupted.state());
        assertEquals(5_000, interrupted.endedAt());
        assertEquals(job(1, "x").id(), again.find(job(1, "").id().substring(0, 31)).orElseThrow().id(), "by prefix");
    }

    @Test
    void keepsTheLastRecordsOnly() throws Exception {
        OwnedJobs jobs = OwnedJobs.open(dir, 0);
        for (int i = 0; i < OwnedJobs.KEPT + 3; i++) {
            jobs.put(job(i, "verified"));
        }
        assertEquals(OwnedJobs.KEPT, jobs.all().size());
        assertTrue(jobs.find(job(0, "").id()).isEmpty());
        assertEquals(OwnedJobs.KEPT, OwnedJobs.open(dir, 0).all().size());
    }
}
