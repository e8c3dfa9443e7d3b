package io.smartshare.ledger.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/** Replaces a small metadata file: write {@code name.tmp}, fsync, rename, fsync the directory. */
final class AtomicFile {
    private AtomicFile() {
    }

    static void write(FileIo io, Path file, byte[] content) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        io.delete(temp);
        try (LogChannel channel = io.open(temp, true)) {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(content), 0);
            channel.force();
        }
        io.replace(temp, file);
        io.syncDirectory(file.getParent());
    }
}
