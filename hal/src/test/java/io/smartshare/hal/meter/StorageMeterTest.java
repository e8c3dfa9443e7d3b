package io.smartshare.hal.meter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smartshare.hal.health.DriverState;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageMeterTest {
    @TempDir
    Path dir;

    @Test
    void missingDirectoryIsAbsentUntilItAppears() throws Exception {
        Path disk = dir.resolve("usb");
        StorageMeter meter = StorageMeter.forDirectory(disk, 1000, "linux");
        MeterException error = assertThrows(MeterException.class, meter::read);
        assertEquals("shared directory " + disk + " does not exist (disk not mounted?)", error.getMessage());
        assertEquals(DriverState.ABSENT, meter.health().state());
        Files.createDirectories(disk);
        Files.write(disk.resolve("f"), new byte[10]);
        assertEquals(10, meter.read().usedBytes());
        assertEquals(DriverState.UP, meter.health().state());
    }

    @Test
    void symbolicLinksAreNotCountedAsTheirTargets() throws Exception {
        Path outside = Files.write(dir.resolve("big"), new byte[5000]);
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Files.createSymbolicLink(shared.resolve("link"), outside);
        assertEquals(0, StorageMeter.forDirectory(shared, 1000, "linux").read().usedBytes());
    }

    @Test
    void availableIsTheRestOfTheQuotaCappedByFreeSpace() {
        assertEquals(400, new StorageUsage(dir, 600, 10_000, 1000).availableBytes());
        assertEquals(50, new StorageUsage(dir, 600, 50, 1000).availableBytes());
        assertEquals(0, new StorageUsage(dir, 1200, 10_000, 1000).availableBytes());
    }
}
