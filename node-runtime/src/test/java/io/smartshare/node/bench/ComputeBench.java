package io.smartshare.node.bench;

import static io.smartshare.node.bench.BenchKit.awaitAnswer;
import static io.smartshare.node.bench.BenchKit.awaitNeighbour;
import static io.smartshare.node.bench.BenchKit.bench;
import static io.smartshare.node.bench.BenchKit.command;
import static io.smartshare.node.bench.BenchKit.freePort;
import static io.smartshare.node.bench.BenchKit.get;
import static io.smartshare.node.bench.BenchKit.nodeId;
import static io.smartshare.node.bench.BenchKit.operator;
import static io.smartshare.node.bench.BenchKit.stop;

import io.smartshare.node.cli.OperatorConnection;
import io.smartshare.node.testing.NodeProcess;
import io.smartshare.node.testing.Rss;
import io.smartshare.node.testing.WasmModules;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * scripts/bench-compute, second part: a provider P and a consumer C, node processes on the
 * sim board (cpu.share-cap-percent 25) and mesh neighbours over loopback. C has P run
 * checksum.wat over 4 KiB for more rounds than its fuel pays for (about half a minute at the
 * cap); while P runs it:
 * <ul>
 * <li>the CPU share P's whole process held, from {@code /proc/<pid>/stat} over {@value
 *     #WINDOW_SECONDS} s, in percent of all cores, against the cap;</li>
 * <li>P's peak RSS, sampled every 200 ms, against P's own RSS idle before the job.</li>
 * </ul>
 * P runs as {@code bin/smartshare-node run} runs it on a device, with the class-data archive
 * the launcher made from an earlier run that ran a job. Arguments: the node jar, the JVM
 * options file, the kernel's clock ticks per second, a scratch directory.
 */
public final class ComputeBench {
    static final int WINDOW_SECONDS = 10;
    static final long FUEL = 300_000_000;
    static final int CAP_PERCENT = 25;

    private ComputeBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchKit kit = new BenchKit(Path.of(args[0]), NodeProcess.readJvmOptions(Path.of(args[1])),
                Long.parseLong(args[2]), Path.of(args[3]));
        Path config = Files.writeString(kit.scratch().resolve("node.yaml"), """
                security:
                  psk:
                    - identity: operator
                      key: operator-secret-1
                      may-write-config: true
                """);
        Path classData = Files.createDirectories(kit.scratch().resolve("cds"));
        Path input = kit.scratch().resolve("input");
        Files.write(input, ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN).putInt(100_000).array());
        // as on a device: a first run (with a job) records the classes, the next start writes the archive
        measure(kit, config, classData, input, "record", 2_000_000);
        measure(kit, config, classData, input, "archive", 0);
        measure(kit, config, classData, input, "measure", FUEL);
    }

    /** The {@code /proc/<pid>/task/<tid>} directory of {@code process}'s thread named {@code name}. */
    private static Path thread(Process process, String name) throws Exception {
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(process.pid()), "task"))) {
            for (Path task : tasks.toList()) {
                if (Files.readString(task.resolve("comm")).strip().equals(name)) {
                    return task;
                }
            }
        }
        throw new IllegalStateException("no thread " + name + " in process " + process.pid());
    }

    /**
     * Starts P (with the launcher's class-data archive in {@code classData}) and C; with {@code
     * fuel} 0 stops them at once, else has P run a job of that fuel and, for the last round,
     * prints the figures.
     */
    private static void measure(BenchKit kit, Path config, Path classData, Path input, String round, long fuel)
            throws Exception {
        int providerPort = freePort();
        int consumerPort = freePort();
        int consumerCoaps = freePort();
        Process provider = kit.startMeshNode(providerPort, freePort(), consumerPort, config, "provider-" + round,
                Optional.of(classData), "--uplink", "1000");
        Process consumer = kit.startMeshNode(consumerPort, consumerCoaps, providerPort, config, "consumer-" + round);
        try {
            awaitAnswer(providerPort);
            awaitAnswer(consumerPort);
            if (fuel == 0) {
                return;
            }
            String providerId = nodeId(providerPort);
            awaitNeighbour(consumerPort, providerId);
            Thread.sleep(5_000); // settle after the start
            double idleRss = 0;
            for (int i = 0; i < 10; i++) {
                idleRss = Math.max(idleRss, Rss.megabytes(provider.pid()));
                Thread.sleep(200);
            }
            try (OperatorConnection operator = operator(consumerCoaps)) {
                command(operator, "/compute/owned/run?module=" + WasmModules.file("checksum") + "&input=" + input
                        + "&on=" + providerId + "&fuel=" + fuel + "&pages=4");
            }
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!get(providerPort, "/compute").contains("\"state\":\"running\"")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the job never ran on the provider");
                }
                Thread.sleep(100);
            }
            if (!round.equals("measure")) {
                Thread.sleep(2_000);
                return;
            }
            long ticks = kit.cpuTicks(provider);
            Path jobThread = thread(provider, "compute-job");
            long jobTicks = BenchKit.cpuTicks(jobThread.resolve("stat"));
            long start = System.nanoTime();
            double peakRss = 0;
            while (System.nanoTime() - start < WINDOW_SECONDS * 1_000_000_000L) {
                peakRss = Math.max(peakRss, Rss.megabytes(provider.pid()));
                Thread.sleep(200);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double ofOneCore = kit.percentOfOneCore(kit.cpuTicks(provider) - ticks, seconds);
            double jobOfOneCore = kit.percentOfOneCore(BenchKit.cpuTicks(jobThread.resolve("stat")) - jobTicks, seconds);
            int cores = Runtime.getRuntime().availableProcessors();
            boolean stillRunning = get(providerPort, "/compute").contains("\"state\":\"running\"");
            System.out.printf("cpu: the provider's process %.1f %%, its job thread %.1f %% of one core over %.1f s, %d"
                    + " cores, job still running: %s%n", ofOneCore, jobOfOneCore, seconds, cores, stillRunning);
            bench("compute-job-cpu-share-of-machine", jobOfOneCore / cores, CAP_PERCENT, "%",
                    "<= cpu.share-cap-percent (the sim board's cap; the job thread, from /proc/<pid>/task/<tid>/stat)");
            bench("compute-process-cpu-share-of-machine", ofOneCore / cores, CAP_PERCENT, "%",
                    "none (the whole node while the job runs, from /proc/<pid>/stat: the job and the node's own work)");
            bench("compute-rss-with-job", peakRss, idleRss, "MB",
                    "<=64MB (reference: the same node idle, before; both with the launcher's class-data archive)");
        } finally {
            stop(consumer);
            stop(provider);
        }
    }
}
