package io.smartshare.ledger.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An open file as the ledger uses it: positional reads and writes, {@code fsync} and
 * truncation. Positional reads may run concurrently with the single writer.
 */
public interface LogChannel extends Closeable {
    long size() throws IOException;

    /** Reads into {@code dst} from {@code position}; returns bytes read or -1 at end of file. */
    int read(ByteBuffer dst, long position) throws IOException;

    /** Writes all remaining bytes of {@code src} at {@code position}. */
    void write(ByteBuffer src, long position) throws IOException;

    /** Forces written data and metadata to the device ({@code fsync}). */
    void force() throws IOException;

    void truncate(long size) throws IOException;
}
