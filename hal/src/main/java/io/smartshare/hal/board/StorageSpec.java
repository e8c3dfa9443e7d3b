package io.smartshare.hal.board;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The directory whose space the node offers to neighbours, and how much of it.
 *
 * @param path the directory; empty means the node's data directory
 * @param quotaBytes the most the node may store there for others
 */
public record StorageSpec(Optional<String> path, long quotaBytes) {
    public StorageSpec {
        if (quotaBytes < 0) {
            throw new IllegalArgumentException("quota must not be negative, found " + quotaBytes);
        }
    }

    /** The directory to meter: {@link #path()} if given (relative paths against {@code dataDir}), else {@code dataDir}. */
    public Path resolve(Path dataDir) {
        return path.map(dataDir::resolve).orElse(dataDir);
    }
}
