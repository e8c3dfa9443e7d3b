package io.smartshare.hal.board;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The directory whose space the node offers to neighbours, and how much of it.
 *
 * @param path the directory; relative paths are taken from the node's data directory, and
 *     empty means {@code shared} there
 * @param quotaBytes the most the node may store there for others
 */
public record StorageSpec(Optional<String> path, long quotaBytes) {
    public StorageSpec {
        if (quotaBytes < 0) {
            throw new IllegalArgumentException("quota must not be negative, found " + quotaBytes);
        }
    }

    /** The directory used when the board file names none, under the data directory. */
    public static final String DEFAULT_DIRECTORY = "shared";

    /** The directory to meter: {@link #path()} resolved against {@code dataDir}, else {@code dataDir/shared}. */
    public Path resolve(Path dataDir) {
        return dataDir.resolve(path.orElse(DEFAULT_DIRECTORY));
    }

    /**
     * True if the directory lies under the data directory, where the node may create it; an
     * absolute path is a disk the vendor mounts, and is only ever metered, never created.
     */
    public boolean underDataDir() {
        return path.map(p -> !Path.of(p).isAbsolute()).orElse(true);
    }
}
