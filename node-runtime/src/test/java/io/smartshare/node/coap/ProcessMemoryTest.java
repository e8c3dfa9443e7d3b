package io.smartshare.node.coap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcessMemoryTest {
    @Test
    void theResidentSetAndTheThreadsAreThisProcesss() throws Exception {
        long rss = ProcessMemory.residentBytes().orElseThrow(); // the tests run on Linux
        long statm = Long.parseLong(Files.readString(Path.of("/proc/self/statm")).split(" ")[1]) * 4096;
        assertTrue(Math.abs(rss - statm) < 16L << 20, "VmRSS " + rss + " against statm's resident pages " + statm);
        int before = ProcessMemory.liveThreads();
        Thread waiting = new Thread(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiting.start();
        try {
            assertTrue(ProcessMemory.liveThreads() >= before + 1, "a new thread is counted");
        } finally {
            waiting.interrupt();
            waiting.join();
        }
    }
}
