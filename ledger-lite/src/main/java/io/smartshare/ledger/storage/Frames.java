package io.smartshare.ledger.storage;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/** Frame layout: {@code u32 length || u32 CRC32C(payload) || payload}. */
final class Frames {
    static final int HEADER = 8;

    private Frames() {
    }

    static int crc(byte[] payload, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(payload, offset, length);
        return (int) crc.getValue();
    }

    /** Writes the frame of {@code payload} into {@code out}. */
    static void put(ByteBuffer out, byte[] payload) {
        out.putInt(payload.length).putInt(crc(payload, 0, payload.length)).put(payload);
    }
}
