package io.smartshare.hal.meter;

import io.smartshare.hal.health.DriverHealth;
import io.smartshare.hal.health.HealthRecorder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/** Storage meter on any file system Java can see: file sizes under a directory, free space from its file store. */
final class DirectoryStorageMeter implements StorageMeter {
    /** Deeper trees than this are not the node's own layout; their depths are not counted. */
    private static final int MAX_DEPTH = 32;

    private final Path directory;
    private final long quotaBytes;
    private final HealthRecorder health;

    DirectoryStorageMeter(Path directory, long quotaBytes, String driver) {
        this.directory = directory;
        this.quotaBytes = quotaBytes;
        this.health = new HealthRecorder("storage", driver);
    }

    @Override
    public StorageUsage read() throws MeterException {
        if (!Files.isDirectory(directory)) {
            String reason = "shared directory " + directory + " does not exist (disk not mounted?)";
            health.absent(reason);
            throw new MeterException(reason);
        }
        try {
            FileStore store = Files.getFileStore(directory);
            StorageUsage usage = new StorageUsage(directory, usedBytes(), store.getUsableSpace(), quotaBytes);
            health.up();
            return usage;
        } catch (IOException | UncheckedIOException e) {
            String reason = "cannot measure " + directory + ": " + e.getMessage();
            health.degraded(reason);
            throw new MeterException(reason, e);
        }
    }

    @Override
    public DriverHealth health() {
        return health.current();
    }

    private long usedBytes() throws IOException {
        try (Stream<Path> files = Files.walk(directory, MAX_DEPTH)) {
            return files.mapToLong(DirectoryStorageMeter::sizeOf).sum();
        }
    }

    /** Size of a regular file; 0 for directories, links and files deleted while walking. */
    private static long sizeOf(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile() ? attributes.size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
