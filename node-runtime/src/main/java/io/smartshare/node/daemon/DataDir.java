package io.smartshare.node.daemon;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The node's data directory, created if missing and held with an exclusive lock
 * ({@code node.lock}) while the node runs, so two nodes never share one identity and ledger.
 */
public final class DataDir implements AutoCloseable {
    private final Path path;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDir(Path path, FileChannel lockChannel, FileLock lock) {
        this.path = path;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Creates (if needed) and locks {@code path}.
     *
     * @throws StartupException if it cannot be created or written, or another node holds it
     */
    public static DataDir open(Path path) {
        Path dir = path.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StartupException("data dir " + dir + ": cannot create: " + e);
        }
        if (!Files.isDirectory(dir) || !Files.isReadable(dir) || !Files.isWritable(dir)) {
            throw new StartupException("data dir " + dir + ": not a readable and writable directory"
                    + " (check its owner and mode; the node runs as " + System.getProperty("user.name") + ")");
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(dir.resolve("node.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StartupException("data dir " + dir + ": cannot open node.lock: " + e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new StartupException("data dir " + dir + ": another node is running with it");
            }
            return new DataDir(dir, channel, lock);
        } catch (IOException e) {
            throw new StartupException("data dir " + dir + ": cannot lock node.lock: " + e);
        }
    }

    public Path path() {
        return path;
    }

    public Path resolve(String name) {
        return path.resolve(name);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        lockChannel.close();
    }
}
