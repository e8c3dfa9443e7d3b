package io.smartshare.ledger.storage;

import io.smartshare.ledger.merkle.Hash;
import io.smartshare.ledger.merkle.SubtreeSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * {@code tree.hashes}: every leaf hash and complete-subtree hash, in the order they become
 * final (docs/ledger-format.md §4). Appends are buffered by the writer thread and
 * {@link #flush() flushed} before the records they cover are published; reads may come
 * from any thread. The file is a cache: it can always be rebuilt from the records. The
 * writer keeps the CRC32C of the whole file ({@link #crc()}) for {@link TreeCheck}.
 */
final class TreeFile implements SubtreeSource, AutoCloseable {
    private final Path path;
    private final LogChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private long end;
    /** CRC32C of the bytes written to the file so far; used by the opening thread, then the writer's. */
    private CRC32C crc = new CRC32C();

    TreeFile(FileIo io, Path path) {
        this.path = path;
        try {
            this.channel = io.open(path, true);
            this.end = channel.size();
        } catch (IOException e) {
            throw StorageException.io("open", path, e);
        }
    }

    /** Hashes stored for a tree of {@code leaves} leaves: {@code 2n - popcount(n)}. */
    static long storedFor(long leaves) {
        return 2 * leaves - Long.bitCount(leaves);
    }

    /** Whole hashes in the file. */
    long storedHashes() {
        return end / Hash.LENGTH;
    }

    Path path() {
        return path;
    }

    /**
     * Cuts the file to the hashes of the first {@code leaves} leaves and reads back what it
     * keeps, for {@link #crc()}.
     *
     * @throws StorageException if the file holds fewer hashes, or cannot be cut or read
     */
    void truncateTo(long leaves) {
        long length = storedFor(leaves) * Hash.LENGTH;
        CRC32C kept = new CRC32C();
        try {
            channel.truncate(length);
            ByteBuffer b = ByteBuffer.allocate(64 * 1024);
            for (long position = 0; position < length; position += b.limit()) {
                b.clear().limit((int) Math.min(b.capacity(), length - position));
                while (b.hasRemaining()) {
                    if (channel.read(b, position + b.position()) < 0) {
                        throw new StorageException(path + ": " + length + " bytes expected, the file ends at "
                                + (position + b.position()));
                    }
                }
                kept.update(b.flip());
            }
        } catch (IOException e) {
            throw StorageException.io("truncate", path, e);
        }
        end = length;
        crc = kept;
    }

    /** CRC32C of the file as written so far (after {@link #flush()}: of every hash), as {@link TreeCheck} stores it. */
    int crc() {
        return (int) crc.getValue();
    }

    /** Buffers one hash; a failed write of a full buffer surfaces as {@link StorageException}. */
    void append(Hash hash) {
        if (buffer.remaining() < Hash.LENGTH) {
            try {
                flushChecked();
            } catch (IOException e) {
                throw StorageException.io("write", path, e);
            }
        }
        hash.copyTo(buffer.array(), buffer.position());
        buffer.position(buffer.position() + Hash.LENGTH);
    }

    private void flushChecked() throws IOException {
        buffer.flip();
        int n = buffer.remaining();
        crc.update(buffer.array(), 0, n);
        channel.write(buffer, end);
        end += n;
        buffer.clear();
    }

    /** Writes buffered hashes to the file (no fsync). */
    void flush() throws IOException {
        if (buffer.position() > 0) {
            flushChecked();
        }
    }

    /** Flushes and fsyncs. */
    void force() throws IOException {
        flush();
        channel.force();
    }

    @Override
    public Hash subtree(int level, long index) {
        long lastLeaf = ((index + 1) << level) - 1;
        long position = (storedFor(lastLeaf) + level) * Hash.LENGTH;
        ByteBuffer b = ByteBuffer.allocate(Hash.LENGTH);
        try {
            while (b.hasRemaining()) {
                if (channel.read(b, position + b.position()) < 0) {
                    throw new StorageException(path + ": hash at offset " + position + " is missing (file ends at "
                            + end + ")");
                }
            }
        } catch (IOException e) {
            throw StorageException.io("read", path, e);
        }
        return Hash.of(b.array());
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
