package io.smartshare.hal.meter;

import java.nio.file.Path;

/**
 * Space under the shared directory.
 *
 * @param path the directory
 * @param usedBytes bytes of the files under it
 * @param freeBytes bytes still free for this user on its file system
 * @param quotaBytes the board's quota for it
 */
public record StorageUsage(Path path, long usedBytes, long freeBytes, long quotaBytes) {
    /** What the node may still store: the rest of the quota, at most the free space. */
    public long availableBytes() {
        return Math.max(0, Math.min(quotaBytes - usedBytes, freeBytes));
    }
}
