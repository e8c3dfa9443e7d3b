package io.smartshare.ledger.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** The real file system, with an fsync that can be made to fail and a disk that can fill up. */
final class FaultyFileIo extends HookedFileIo {
    final AtomicBoolean failFsync = new AtomicBoolean();
    /** Bytes that may still be written to segment files; negative = unlimited. */
    final AtomicLong spaceLeft = new AtomicLong(-1);
    final AtomicLong fsyncs = new AtomicLong();

    @Override
    protected void write(LogChannel real, boolean segment, ByteBuffer src, long position) throws IOException {
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
    protected void force(LogChannel real, boolean segment) throws IOException {
        fsyncs.incrementAndGet();
        if (failFsync.get()) {
            throw new IOException("Input/output error");
        }
        real.force();
    }
}
