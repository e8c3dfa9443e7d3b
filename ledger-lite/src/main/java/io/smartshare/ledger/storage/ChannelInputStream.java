package io.smartshare.ledger.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/** Sequential buffered reads of a {@link LogChannel} from a position, up to a limit. */
final class ChannelInputStream extends InputStream {
    private final LogChannel channel;
    private final ByteBuffer buffer;
    private final long limit;
    private long position;

    ChannelInputStream(LogChannel channel, long position, long limit, int bufferSize) {
        this.channel = channel;
        this.position = position;
        this.limit = limit;
        this.buffer = ByteBuffer.allocate(bufferSize);
        buffer.flip();
    }

    private boolean fill() throws IOException {
        if (buffer.hasRemaining()) {
            return true;
        }
        buffer.clear();
        long left = limit - position;
        if (left <= 0) {
            buffer.flip();
            return false;
        }
        if (left < buffer.capacity()) {
            buffer.limit((int) left);
        }
        int n = channel.read(buffer, position);
        buffer.flip();
        if (n <= 0) {
            return false;
        }
        position += n;
        return true;
    }

    @Override
    public int read() throws IOException {
        return fill() ? buffer.get() & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, buffer.remaining());
        buffer.get(b, off, n);
        return n;
    }
}
