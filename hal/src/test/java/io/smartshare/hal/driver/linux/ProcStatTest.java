package io.smartshare.hal.driver.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smartshare.hal.meter.MeterException;
import org.junit.jupiter.api.Test;

class ProcStatTest {
    @Test
    void readsThisMachinesCapturedFile() throws Exception {
        // cpu  16954 0 2981 112987 203 0 29 8 0 0
        ProcStat stat = ProcStat.parse("s", Samples.proc("stat-debian-vm.txt"));
        assertEquals(2, stat.cores());
        assertEquals(16954 + 2981 + 29 + 8, stat.busyTicks());
        assertEquals(16954 + 2981 + 112987 + 203 + 29 + 8, stat.totalTicks());
    }

    @Test
    void readsAnOpenWrtRouter() throws Exception {
        // cpu  1220317 0 301155 39910223 1301 0 1720442 0 0 0
        ProcStat stat = ProcStat.parse("s", Samples.proc("stat-openwrt-mt3000.txt"));
        assertEquals(2, stat.cores());
        assertEquals(1220317 + 301155 + 1720442, stat.busyTicks());
        assertEquals(1220317 + 301155 + 39910223 + 1301 + 1720442, stat.totalTicks());
    }

    @Test
    void readsAFourCoreRaspberryPi() throws Exception {
        // cpu  88120 1204 40311 9812003 5120 0 1893 0 0 0
        ProcStat stat = ProcStat.parse("s", Samples.proc("stat-raspberry-pi-4b.txt"));
        assertEquals(4, stat.cores());
        assertEquals(88120 + 1204 + 40311 + 1893, stat.busyTicks());
    }

    @Test
    void readsOldKernelsWithSevenColumns() throws Exception {
        // cpu  2255 34 2290 22625563 6290 127 456
        ProcStat stat = ProcStat.parse("s", Samples.proc("stat-linux-2.6.9.txt"));
        assertEquals(2255 + 34 + 2290 + 127 + 456, stat.busyTicks());
        assertEquals(2255 + 34 + 2290 + 22625563 + 6290 + 127 + 456, stat.totalTicks());
    }

    @Test
    void doesNotCountGuestTimeTwice() throws Exception {
        ProcStat stat = ProcStat.parse("s", "cpu  100 0 0 900 0 0 0 0 70 5\n");
        assertEquals(100, stat.busyTicks());
        assertEquals(1000, stat.totalTicks());
    }

    @Test
    void garbledAggregateLineNamesFileLineAndColumn() {
        MeterException error = assertThrows(MeterException.class,
                () -> ProcStat.parse("/proc/stat", Samples.proc("stat-garbage.txt")));
        assertEquals("/proc/stat:3: expected at least 4 tick columns after 'cpu', found 3", error.getMessage());
        MeterException word = assertThrows(MeterException.class,
                () -> ProcStat.parse("/proc/stat", "cpu  1 2 x 4\n"));
        assertEquals("/proc/stat:1: column 3 is not a tick count: 'x'", word.getMessage());
    }

    @Test
    void missingAggregateLineIsAnError() {
        assertEquals("/proc/stat: no aggregate 'cpu' line",
                assertThrows(MeterException.class, () -> ProcStat.parse("/proc/stat", "intr 1\n")).getMessage());
    }

    @Test
    void readsProcessTicksOfACapturedProcess() throws Exception {
        assertEquals(0, ProcStat.processTicks("s", Samples.proc("self-stat-cat.txt")));
    }

    @Test
    void readsProcessTicksWhenTheCommandNameHoldsSpacesAndParentheses() throws Exception {
        assertEquals(1250 + 310, ProcStat.processTicks("s", Samples.proc("self-stat-java-parens.txt")));
    }

    @Test
    void truncatedProcessStatIsAnError() {
        assertThrows(MeterException.class, () -> ProcStat.processTicks("s", "12 (java) S 1 2 3"));
        assertThrows(MeterException.class, () -> ProcStat.processTicks("s", "garbage"));
    }
}
