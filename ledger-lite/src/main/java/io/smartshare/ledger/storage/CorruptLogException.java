package io.smartshare.ledger.storage;

import java.nio.file.Path;

/**
 * The log's files contradict what was synced or signed: the log refuses to open. The
 * message names the file and byte offset. The files are left untouched for inspection.
 */
public final class CorruptLogException extends StorageException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final long offset;

    public CorruptLogException(Path file, long offset, String what) {
        super(file + " at offset " + offset + ": " + what);
        this.file = file;
        this.offset = offset;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** The byte offset at fault in {@link #file()}. */
    public long offset() {
        return offset;
    }
}
