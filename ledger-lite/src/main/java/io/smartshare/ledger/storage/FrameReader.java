package io.smartshare.ledger.storage;

import io.smartshare.ledger.record.Record;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Reads frames ({@code u32 length || u32 CRC32C || payload}) one after another from a
 * stream, reporting where each starts and the first damaged or incomplete frame. Not
 * thread-safe; does not close the stream.
 */
public final class FrameReader {
    /** What {@link #next()} found. */
    public sealed interface Result permits Frame, End, Damaged {
        /** Byte offset (in the file) where this result starts. */
        long offset();
    }

    /** A whole frame whose CRC matches. */
    public record Frame(long offset, byte[] payload) implements Result {
        /** Offset just after this frame. */
        public long end() {
            return offset + Frames.HEADER + payload.length;
        }
    }

    /** Clean end of input exactly at a frame boundary. */
    public record End(long offset) implements Result {
    }

    /**
     * An incomplete or corrupt frame starting at {@code offset}; {@code cutOff} if the input
     * simply ended inside it (as when a write is in progress or was torn).
     */
    public record Damaged(long offset, String reason, boolean cutOff) implements Result {
    }

    private final InputStream in;
    private final byte[] header = new byte[Frames.HEADER];
    private long offset;

    /** Reads frames from {@code in}, whose first byte is at file offset {@code offset}. */
    public FrameReader(InputStream in, long offset) {
        this.in = in;
        this.offset = offset;
    }

    /** The next frame, the clean end, or the first damage. */
    public Result next() throws IOException {
        int got = in.readNBytes(header, 0, Frames.HEADER);
        if (got == 0) {
            return new End(offset);
        }
        if (got < Frames.HEADER) {
            return new Damaged(offset, "incomplete frame header (" + got + " of 8 bytes)", true);
        }
        ByteBuffer h = ByteBuffer.wrap(header);
        int length = h.getInt(0);
        int crc = h.getInt(4);
        if (length <= 0 || length > Record.MAX_ENCODED_LENGTH) {
            return new Damaged(offset, "frame length " + Integer.toUnsignedString(length) + " out of range 1.."
                    + Record.MAX_ENCODED_LENGTH, false);
        }
        byte[] payload = new byte[length];
        int read = in.readNBytes(payload, 0, length);
        if (read < length) {
            return new Damaged(offset, "frame of " + length + " bytes runs past the end of the file (" + read
                    + " present)", true);
        }
        int computed = Frames.crc(payload, 0, length);
        if (computed != crc) {
            return new Damaged(offset, "CRC32C mismatch: stored " + Integer.toHexString(crc) + ", computed "
                    + Integer.toHexString(computed), false);
        }
        Frame frame = new Frame(offset, payload);
        offset = frame.end();
        return frame;
    }
}
