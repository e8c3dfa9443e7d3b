package io.smartshare.node.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A process's resident set size (VmRSS of /proc/PID/status) in MB (kB / 1024, as
 * scripts/bench-footprint reports it); as a sampler, read every 50 ms keeping the peak.
 */
public final class Rss implements AutoCloseable {
    private final Path status;
    private final AtomicLong peakKilobytes = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    /** Starts sampling process {@code pid}. */
    public Rss(long pid) {
        this.status = Path.of("/proc", Long.toString(pid), "status");
        this.sampler = new Thread(this::sample, "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** The RSS of process {@code pid} now, in MB. */
    public static double megabytes(long pid) throws IOException {
        return kilobytes(Path.of("/proc", Long.toString(pid), "status")) / 1024.0;
    }

    private static long kilobytes(Path status) throws IOException {
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst()
                .orElseThrow(() -> new IOException("no VmRSS in " + status));
    }

    private void sample() {
        while (running) {
            try {
                peakKilobytes.accumulateAndGet(kilobytes(status), Math::max);
                Thread.sleep(50);
            } catch (IOException e) {
                return; // the process is gone: the test sees that itself
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The largest RSS seen so far, in MB. */
    public double peakMegabytes() {
        return peakKilobytes.get() / 1024.0;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.join(1_000);
    }
}
