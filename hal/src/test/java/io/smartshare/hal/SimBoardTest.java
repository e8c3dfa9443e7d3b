package io.smartshare.hal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.hal.ble.Advertisement;
import io.smartshare.hal.board.BoardFiles;
import io.smartshare.hal.board.BoardSpec;
import io.smartshare.hal.device.Board;
import io.smartshare.hal.driver.sim.SimBleMedium;
import io.smartshare.hal.driver.sim.SimInput;
import io.smartshare.hal.health.DriverHealth;
import io.smartshare.hal.health.DriverState;
import io.smartshare.hal.meter.CpuTimes;
import io.smartshare.hal.meter.IpLink;
import io.smartshare.hal.meter.MeterSnapshot;
import io.smartshare.hal.meter.StorageUsage;
import io.smartshare.hal.sensor.Quantity;
import io.smartshare.hal.sensor.Reading;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimBoardTest {
    private static final BoardSpec SIM = BoardFiles.resolve("sim");
    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dataDir;

    private Board open(SteppedClock clock, SimBleMedium medium) {
        return Board.builder(SIM).dataDir(dataDir).clock(clock).bleMedium(medium).withoutPolling().open();
    }

    @Test
    void everyPartIsUpAndNamedInHealth() {
        SteppedClock clock = new SteppedClock(START);
        try (Board board = open(clock, new SimBleMedium(1, clock))) {
            List<DriverHealth> health = board.health();
            assertEquals(List.of("net", "storage", "cpu", "gpio", "ble", "sensor:temperature", "sensor:humidity",
                    "sensor:pressure"), health.stream().map(DriverHealth::component).toList());
            assertTrue(health.stream().allMatch(h -> h.state() == DriverState.UP && h.driver().equals("sim")), health.toString());
        }
    }

    @Test
    void countersGrowWithTimeAndNeverGoBack() throws Exception {
        SteppedClock clock = new SteppedClock(START);
        try (Board board = open(clock, new SimBleMedium(1, clock))) {
            List<IpLink> before = board.links().list();
            assertEquals(List.of("sim-wan", "sim-lan"), before.stream().map(IpLink::name).toList());
            assertEquals(0, before.get(0).rxBytes());
            CpuTimes cpuBefore = board.cpu().read();
            for (int step = 0; step < 50; step++) {
                clock.advance(Duration.ofSeconds(7));
                List<IpLink> after = board.links().list();
                CpuTimes cpuAfter = board.cpu().read();
                for (int i = 0; i < after.size(); i++) {
                    assertTrue(after.get(i).rxBytes() > before.get(i).rxBytes());
                    assertTrue(after.get(i).txBytes() > before.get(i).txBytes());
                }
                assertTrue(cpuAfter.systemBusy().compareTo(cpuBefore.systemBusy()) > 0);
                assertTrue(cpuAfter.systemTotal().compareTo(cpuAfter.systemBusy()) >= 0);
                before = after;
                cpuBefore = cpuAfter;
            }
            long rate = before.get(0).rxBytes() / 350;
            assertTrue(rate >= 10_000 && rate <= 300_000, "rate " + rate + " B/s");
            assertEquals(25, board.cpu().shareCapPercent());
        }
    }

    @Test
    void sameSeedAndClockGiveTheSameNumbers() throws Exception {
        assertEquals(run(42), run(42));
        assertTrue(!run(42).equals(run(43)));
    }

    private List<Object> run(long seed) throws Exception {
        SteppedClock clock = new SteppedClock(START);
        try (Board board = Board.builder(SIM).dataDir(dataDir).clock(clock).seed(seed)
                .bleMedium(new SimBleMedium(seed, clock)).withoutPolling().open()) {
            List<Object> seen = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                clock.advance(Duration.ofSeconds(5));
                board.sensors().pollNow();
                seen.add(board.sensors().latest("temperature").orElseThrow().get(0).value());
                seen.add(board.links().list());
            }
            return seen;
        }
    }

    @Test
    void sensorsFollowTheirSignalAndTellListenersOfChanges() {
        SteppedClock clock = new SteppedClock(START);
        try (Board board = open(clock, new SimBleMedium(1, clock))) {
            List<Reading> heard = new ArrayList<>();
            board.sensors().listen("temperature", heard::add);
            for (int i = 0; i < 120; i++) {
                clock.advance(Duration.ofSeconds(5));
                board.sensors().pollNow();
            }
            assertTrue(heard.size() > 100, "changed readings heard: " + heard.size());
            assertTrue(heard.stream().allMatch(r -> r.sensorId().equals("temperature") && r.unit().equals("Cel")));
            double min = heard.stream().mapToDouble(Reading::value).min().orElseThrow();
            double max = heard.stream().mapToDouble(Reading::value).max().orElseThrow();
            assertTrue(min > 21.5 - 3.5 && max < 21.5 + 3.5 && max - min > 4, min + ".." + max);
            Reading pressure = board.sensors().latest("pressure").orElseThrow().get(0);
            assertEquals(Quantity.PRESSURE, pressure.quantity());
            assertEquals(clock.instant(), pressure.at());
        }
    }

    @Test
    void unchangedValuesAreNotRepeatedToListeners() {
        SteppedClock clock = new SteppedClock(START);
        try (Board board = open(clock, new SimBleMedium(1, clock))) {
            List<Reading> heard = new ArrayList<>();
            board.sensors().listen(heard::add);
            board.sensors().pollNow();
            board.sensors().pollNow();
            assertEquals(0, heard.size(), "the clock did not move, so nothing changed since the poll at open");
            clock.advance(Duration.ofMinutes(2));
            board.sensors().pollNow();
            assertEquals(3, heard.size());
        }
    }

    @Test
    void meterSnapshotHoldsEveryMeterAtTheBoardsClock() throws Exception {
        SteppedClock clock = new SteppedClock(START);
        try (Board board = open(clock, new SimBleMedium(1, clock))) {
            clock.advance(Duration.ofSeconds(10));
            MeterSnapshot snapshot = board.meters();
            assertEquals(START.plusSeconds(10), snapshot.at());
            assertEquals(board.links().list(), snapshot.links());
            assertEquals(board.cpu().read(), snapshot.cpu().orElseThrow());
            assertEquals(dataDir.resolve("storage"), snapshot.storage().orElseThrow().path());
        }
    }

    @Test
    void meterSnapshotLeavesOutAMeterThatFails() throws Exception {
        SteppedClock clock = new SteppedClock(START);
        try (Board board = open(clock, new SimBleMedium(1, clock))) {
            Files.delete(dataDir.resolve("storage"));
            MeterSnapshot snapshot = board.meters();
            assertTrue(snapshot.storage().isEmpty());
            assertEquals(2, snapshot.links().size());
            assertTrue(snapshot.cpu().isPresent());
            assertTrue(board.health().stream().anyMatch(h -> h.component().equals("storage")
                    && h.state() == DriverState.ABSENT));
        }
    }

    @Test
    void pinsDriveTheLedAndHearTheButton() {
        SteppedClock clock = new SteppedClock(START);
        try (Board board = open(clock, new SimBleMedium(1, clock))) {
            board.output("status-led").orElseThrow().set(true);
            assertTrue(board.output("status-led").orElseThrow().isOn());
            List<Boolean> presses = new ArrayList<>();
            SimInput button = (SimInput) board.input("button").orElseThrow();
            button.onChange(presses::add);
            button.drive(true);
            button.drive(true);
            button.drive(false);
            assertEquals(List.of(true, false), presses);
            assertTrue(board.input("nope").isEmpty());
        }
    }

    @Test
    void storageMetersTheSharedDirectoryUnderTheDataDir() throws Exception {
        SteppedClock clock = new SteppedClock(START);
        try (Board board = open(clock, new SimBleMedium(1, clock))) {
            Path shared = dataDir.resolve("storage");
            Files.write(shared.resolve("blob"), new byte[1000]);
            Files.createDirectories(shared.resolve("sub"));
            Files.write(shared.resolve("sub/blob2"), new byte[24]);
            StorageUsage usage = board.storage().read();
            assertEquals(shared, usage.path());
            assertEquals(1024, usage.usedBytes());
            assertEquals(256L * 1024 * 1024, usage.quotaBytes());
            assertTrue(usage.freeBytes() > 0);
            assertEquals(Math.min(usage.quotaBytes() - 1024, usage.freeBytes()), usage.availableBytes());
        }
    }

    @Test
    void twoSimBoardsHearEachOtherOnOneMedium() throws Exception {
        SteppedClock clock = new SteppedClock(START);
        SimBleMedium medium = new SimBleMedium(3, clock);
        try (Board a = Board.builder(SIM).dataDir(dataDir.resolve("a")).clock(clock).bleMedium(medium).seed(1)
                .blePosition(0, 0).withoutPolling().open();
             Board b = Board.builder(SIM).dataDir(dataDir.resolve("b")).clock(clock).bleMedium(medium).seed(2)
                .blePosition(10, 0).withoutPolling().open()) {
            List<Advertisement> heard = new ArrayList<>();
            b.ble().orElseThrow().scan(heard::add);
            for (int i = 0; i < 40; i++) {
                a.ble().orElseThrow().advertise(new byte[] {7});
            }
            assertTrue(heard.size() > 30 && heard.size() < 40, "5 % loss on 40 advertisements: " + heard.size());
            assertArrayEquals(new byte[] {7}, heard.get(0).payload());
            assertEquals(a.ble().orElseThrow().address(), heard.get(0).from());
        }
    }
}
