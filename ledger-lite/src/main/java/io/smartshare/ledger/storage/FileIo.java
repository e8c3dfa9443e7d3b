package io.smartshare.ledger.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * The file-system operations the ledger performs, in one replaceable place so that tests
 * can inject {@code fsync} failures and a full disk. {@link #system()} is the real one.
 */
public interface FileIo {
    /** Opens {@code path} for reading and writing, creating it if {@code create}. */
    LogChannel open(Path path, boolean create) throws IOException;

    /** Renames {@code source} over {@code target} atomically. */
    void replace(Path source, Path target) throws IOException;

    /** Forces a directory's entries to the device. */
    void syncDirectory(Path dir) throws IOException;

    void delete(Path path) throws IOException;

    /** Regular files in {@code dir}, any order. */
    List<Path> list(Path dir) throws IOException;

    /** The real file system through {@link FileChannel}. */
    static FileIo system() {
        return SystemFileIo.INSTANCE;
    }
}
