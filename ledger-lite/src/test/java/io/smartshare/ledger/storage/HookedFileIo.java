package io.smartshare.ledger.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * The real file system, with every channel's writes and fsyncs passed through hooks that
 * tests and benchmarks override to fail, limit or record them.
 */
public abstract class HookedFileIo implements FileIo {
    /** Writes {@code src} at {@code position} of {@code file}; by default straight through. */
    protected void write(LogChannel real, boolean segment, ByteBuffer src, long position) throws IOException {
        real.write(src, position);
    }

    /** Syncs {@code file}; by default straight through. */
    protected void force(LogChannel real, boolean segment) throws IOException {
        real.force();
    }

    @Override
    public final LogChannel open(Path path, boolean create) throws IOException {
        LogChannel real = FileIo.system().open(path, create);
        boolean segment = path.getFileName().toString().startsWith("segment-");
        return new LogChannel() {
            @Override
            public long size() throws IOException {
                return real.size();
            }

            @Override
            public int read(ByteBuffer dst, long position) throws IOException {
                return real.read(dst, position);
            }

            @Override
            public void write(ByteBuffer src, long position) throws IOException {
                HookedFileIo.this.write(real, segment, src, position);
            }

            @Override
            public void force() throws IOException {
                HookedFileIo.this.force(real, segment);
            }

            @Override
            public void truncate(long size) throws IOException {
                real.truncate(size);
            }

            @Override
            public void close() throws IOException {
                real.close();
            }
        };
    }

    @Override
    public void replace(Path source, Path target) throws IOException {
        FileIo.system().replace(source, target);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        FileIo.system().syncDirectory(dir);
    }

    @Override
    public void delete(Path path) throws IOException {
        FileIo.system().delete(path);
    }

    @Override
    public List<Path> list(Path dir) throws IOException {
        return FileIo.system().list(dir);
    }
}
