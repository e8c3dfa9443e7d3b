package io.smartshare.hal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.hal.board.BoardFiles;
import io.smartshare.hal.device.Board;
import io.smartshare.hal.health.DriverHealth;
import io.smartshare.hal.health.DriverState;
import io.smartshare.hal.meter.CpuTimes;
import io.smartshare.hal.meter.IpLink;
import io.smartshare.hal.meter.MeterSnapshot;
import io.smartshare.hal.meter.StorageUsage;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code generic-linux} on this machine's real kernel and disk, checked against /proc and
 * df read independently before and after each meter read. Counters move between reads, so
 * every check is a bound: before <= meter <= after.
 */
class GenericLinuxBoardIT {
    private static final long TICK_MS = 10;

    @TempDir
    Path dataDir;

    /** rx and tx bytes per interface, parsed here without the driver's parser. */
    private static Map<String, long[]> procNetDev() throws IOException {
        Map<String, long[]> result = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/net/dev"))) {
            int colon = line.indexOf(':');
            if (colon < 0 || line.contains("|")) {
                continue;
            }
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            result.put(line.substring(0, colon).trim(), new long[] {Long.parseLong(f[0]), Long.parseLong(f[8])});
        }
        return result;
    }

    /** {busy, total} ticks of the aggregate cpu line, guest columns left out. */
    private static long[] procStat() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i <= Math.min(8, f.length - 1); i++) {
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new long[] {total - idle, total};
    }

    private static long selfTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static void sendLoopbackTraffic() throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            byte[] payload = new byte[1000];
            for (int i = 0; i < 50; i++) {
                socket.send(new DatagramPacket(payload, payload.length, InetAddress.getLoopbackAddress(), 9));
            }
        }
    }

    @Test
    void interfaceBytesMatchProcNetDevBetweenTwoReads() throws Exception {
        try (Board board = Board.builder(BoardFiles.resolve("generic-linux")).dataDir(dataDir).withoutPolling().open()) {
            for (int round = 0; round < 3; round++) {
                Map<String, long[]> before = procNetDev();
                List<IpLink> links = board.links().list();
                Map<String, long[]> after = procNetDev();
                List<String> expected = before.keySet().stream()
                        .filter(name -> name.startsWith("en") || name.startsWith("eth") || name.startsWith("wl"))
                        .filter(after::containsKey).sorted().toList();
                assertFalse(expected.isEmpty(), "this host has an en*/eth*/wl* interface: " + before.keySet());
                assertEquals(expected, links.stream().map(IpLink::name).sorted().toList());
                for (IpLink link : links) {
                    long[] b = before.get(link.name());
                    long[] a = after.get(link.name());
                    assertTrue(b[0] <= link.rxBytes() && link.rxBytes() <= a[0], link + " rx outside " + b[0] + ".." + a[0]);
                    assertTrue(b[1] <= link.txBytes() && link.txBytes() <= a[1], link + " tx outside " + b[1] + ".." + a[1]);
                    String operstate = Files.readString(Path.of("/sys/class/net", link.name(), "operstate")).trim();
                    assertEquals(operstate.equals("up"), link.up(), link.name() + " operstate " + operstate);
                }
                sendLoopbackTraffic();
            }
        }
    }

    @Test
    void meterSnapshotForMetricsIsBoundedByProcReadsAroundIt() throws Exception {
        try (Board board = Board.builder(BoardFiles.resolve("generic-linux")).dataDir(dataDir).withoutPolling().open()) {
            Map<String, long[]> netBefore = procNetDev();
            long[] cpuBefore = procStat();
            MeterSnapshot snapshot = board.meters();
            long[] cpuAfter = procStat();
            Map<String, long[]> netAfter = procNetDev();
            assertFalse(snapshot.links().isEmpty());
            for (IpLink link : snapshot.links()) {
                assertTrue(netBefore.get(link.name())[0] <= link.rxBytes() && link.rxBytes() <= netAfter.get(link.name())[0]);
                assertTrue(netBefore.get(link.name())[1] <= link.txBytes() && link.txBytes() <= netAfter.get(link.name())[1]);
            }
            long busy = snapshot.cpu().orElseThrow().systemBusy().toMillis();
            assertTrue(cpuBefore[0] * TICK_MS <= busy && busy <= cpuAfter[0] * TICK_MS);
            assertEquals(dataDir.resolve("shared"), snapshot.storage().orElseThrow().path());
        }
    }

    @Test
    void cpuTimesMatchProcStatAndProcSelfStatBetweenTwoReads() throws Exception {
        try (Board board = Board.builder(BoardFiles.resolve("generic-linux")).dataDir(dataDir).withoutPolling().open()) {
            long[] before = procStat();
            long selfBefore = selfTicks();
            CpuTimes times = board.cpu().read();
            long selfAfter = selfTicks();
            long[] after = procStat();
            assertTrue(before[0] * TICK_MS <= times.systemBusy().toMillis() && times.systemBusy().toMillis() <= after[0] * TICK_MS,
                    times + " busy outside " + before[0] + ".." + after[0] + " ticks");
            assertTrue(before[1] * TICK_MS <= times.systemTotal().toMillis() && times.systemTotal().toMillis() <= after[1] * TICK_MS,
                    times + " total outside " + before[1] + ".." + after[1] + " ticks");
            assertTrue(selfBefore * TICK_MS <= times.process().toMillis() && times.process().toMillis() <= selfAfter * TICK_MS,
                    times + " process outside " + selfBefore + ".." + selfAfter + " ticks");
            long cpuLines = Files.readAllLines(Path.of("/proc/stat")).stream().filter(l -> l.matches("cpu[0-9]+ .*")).count();
            assertEquals(cpuLines, times.cores());
            assertTrue(times.process().toMillis() > 0, "this JVM has used some CPU");
        }
    }

    @Test
    void storageCountsTheSharedDirectoryOnlyAndMatchesDf() throws Exception {
        Path shared = dataDir.resolve("shared");
        Files.write(dataDir.resolve("identity.key"), new byte[64]);
        try (Board board = Board.builder(BoardFiles.resolve("generic-linux")).dataDir(dataDir).withoutPolling().open()) {
            Files.write(shared.resolve("a.bin"), new byte[4096]);
            Files.createDirectories(shared.resolve("peer"));
            Files.write(shared.resolve("peer/b.bin"), new byte[100]);
            long dfBefore = dfAvailable(dataDir);
            StorageUsage usage = board.storage().read();
            long dfAfter = dfAvailable(dataDir);
            assertEquals(shared, usage.path());
            assertEquals(4196, usage.usedBytes());
            assertEquals(4096L * 1024 * 1024, usage.quotaBytes());
            long slack = 256L * 1024 * 1024; // other processes write to this disk between the reads
            assertTrue(Math.min(dfBefore, dfAfter) - slack <= usage.freeBytes()
                    && usage.freeBytes() <= Math.max(dfBefore, dfAfter) + slack,
                    "free " + usage.freeBytes() + " vs df " + dfBefore + ".." + dfAfter);
        }
    }

    private static long dfAvailable(Path dir) throws IOException, InterruptedException {
        Process df = new ProcessBuilder("df", "-B1", "--output=avail", dir.toString()).redirectErrorStream(true).start();
        String out = new String(df.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(df.waitFor(30, TimeUnit.SECONDS));
        String[] lines = out.trim().split("\n");
        return Long.parseLong(lines[lines.length - 1].trim());
    }

    @Test
    void healthReportsTheMetersUpAndAMissingThermalZoneWithItsPath() {
        try (Board board = Board.builder(BoardFiles.resolve("generic-linux")).dataDir(dataDir).withoutPolling().open()) {
            Map<String, DriverHealth> health = board.health().stream()
                    .collect(Collectors.toMap(DriverHealth::component, h -> h));
            assertEquals(DriverState.UP, health.get("net").state());
            assertEquals(DriverState.UP, health.get("storage").state());
            assertEquals(DriverState.UP, health.get("cpu").state());
            DriverHealth zone = health.get("sensor:cpu-temperature");
            if (Files.isReadable(Path.of("/sys/class/thermal/thermal_zone0/temp"))) {
                assertEquals(DriverState.UP, zone.state());
            } else {
                assertEquals(DriverState.ABSENT, zone.state());
                assertTrue(zone.reason().contains("/sys/class/thermal/thermal_zone0/temp"), zone.reason());
            }
            assertTrue(board.ble().isEmpty() && board.output("status-led").isEmpty());
        }
    }
}
