package io.smartshare.ledger.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** The real file system, with an fsync that can be made to fail and a disk that can fill up. */
final class FaultyFileIo implements FileIo {
    final AtomicBoolean failFsync = new AtomicBoolean();
    /** Bytes that may still be written to segment files; negative = unlimited. */
    final AtomicLong spaceLeft = new AtomicLong(-1);
    final AtomicLong fsyncs = new AtomicLong();

    @Override
    public LogChannel open(Path path, boolean create) throws IOException {
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
                long left = spaceLeft.get();
                if (segment && left >= 0 && src.remaining() > left) {
                    ByteBuffer part = src.slice().limit((int) left);
                    real.write(part, position);
                    spaceLeft.set(0);
                    throw new IOException("No space left on device");
                }
                if (segment && left >= 0) {
                    spaceLeft.addAndGet(-src.remaining());
                }
                real.write(src, position);
            }

            @Override
            public void force() throws IOException {
                fsyncs.incrementAndGet();
                if (failFsync.get()) {
                    throw new IOException("Input/output error");
                }
                real.force();
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
