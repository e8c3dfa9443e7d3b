package io.smartshare.ledger.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The project's one way to replace a small file durably: write {@code name.tmp}, fsync it,
 * rename it over the file, fsync the directory. A crash leaves the old or the new content,
 * never a mix, and once {@link #replace} returns the new content survives a power cut. Used
 * for the ledger's checkpoint file and the node's settings, meters, issued receipts and
 * settlement results.
 */
public final class DurableFile {
    private DurableFile() {
    }

    /** Makes {@code content} the content of {@code file}, on the real file system. */
    public static void replace(Path file, byte[] content) throws IOException {
        replace(FileIo.system(), file, content);
    }

    /** As {@link #replace(Path, byte[])}, through {@code io} (tests inject failures there). */
    public static void replace(FileIo io, Path file, byte[] content) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        io.delete(temp);
        try (LogChannel channel = io.open(temp, true)) {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(content), 0);
            channel.force();
        }
        io.replace(temp, file);
        io.syncDirectory(file.toAbsolutePath().getParent());
    }
}
