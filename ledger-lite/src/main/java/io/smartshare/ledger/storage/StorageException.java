package io.smartshare.ledger.storage;

/**
 * The log's files could not be read or written. The message names the file and, where it
 * matters, the byte offset; a full disk says so.
 */
public class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Wraps an I/O error on {@code file}, naming a full disk (ENOSPC) as such. */
    static StorageException io(String action, java.nio.file.Path file, java.io.IOException e) {
        String reason = String.valueOf(e.getMessage());
        String full = reason.contains("No space left on device") ? "disk full (ENOSPC): " : "";
        return new StorageException(file + ": " + action + " failed: " + full + reason, e);
    }
}
