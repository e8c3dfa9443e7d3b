package io.smartshare.hal.meter;

import io.smartshare.hal.health.DriverHealth;
import java.nio.file.Path;

/** Meters the board's shared directory. */
public interface StorageMeter {
    /** The usage now; fails if the directory is missing (a disk not mounted) or unreadable. */
    StorageUsage read() throws MeterException;

    /** Whether the last read worked. */
    DriverHealth health();

    /**
     * A meter for {@code directory} on any file system: used is the size of the files under
     * it, free the usable space of its file store.
     *
     * @param driver the driver name its health is reported under
     */
    static StorageMeter forDirectory(Path directory, long quotaBytes, String driver) {
        return new DirectoryStorageMeter(directory, quotaBytes, driver);
    }
}
