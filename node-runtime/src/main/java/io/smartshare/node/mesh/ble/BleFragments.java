package io.smartshare.node.mesh.ble;

import io.smartshare.hal.ble.BleRadio;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Mesh frames cut into BLE advertisement payloads (docs/mesh-coap-transport.md, "BLE"):
 * each fragment is {@code 0x5B}, a message number (u8, per sender), {@code index << 4 |
 * (count - 1)}, then up to 21 frame bytes; at most 16 fragments (336 bytes) per frame. A
 * 116-byte hello takes 6 advertisements, a heartbeat 1.
 */
final class BleFragments {
    static final int MARKER = 0x5B;
    static final int HEADER = 3;
    static final int CHUNK = BleRadio.MAX_PAYLOAD - HEADER;
    static final int MAX_FRAGMENTS = 16;
    static final int MAX_FRAME = CHUNK * MAX_FRAGMENTS;

    private BleFragments() {
    }

    /** The advertisements that carry {@code frame} as message {@code number}. */
    static List<byte[]> split(byte[] frame, int number) {
        if (frame.length == 0 || frame.length > MAX_FRAME) {
            throw new IllegalArgumentException("ble frame: expected 1.." + MAX_FRAME + " bytes, found " + frame.length);
        }
        int count = (frame.length + CHUNK - 1) / CHUNK;
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int from = i * CHUNK;
            int length = Math.min(CHUNK, frame.length - from);
            byte[] fragment = new byte[HEADER + length];
            fragment[0] = (byte) MARKER;
            fragment[1] = (byte) number;
            fragment[2] = (byte) (i << 4 | (count - 1));
            System.arraycopy(frame, from, fragment, HEADER, length);
            out.add(fragment);
        }
        return out;
    }

    /** One fragment as heard, or empty if the advertisement is not a mesh fragment. */
    static Optional<Fragment> parse(byte[] advertisement) {
        if (advertisement.length <= HEADER || (advertisement[0] & 0xff) != MARKER) {
            return Optional.empty();
        }
        int index = (advertisement[2] & 0xff) >>> 4;
        int count = (advertisement[2] & 0x0f) + 1;
        if (index >= count || (index < count - 1 && advertisement.length != BleRadio.MAX_PAYLOAD)) {
            return Optional.empty();
        }
        byte[] chunk = new byte[advertisement.length - HEADER];
        System.arraycopy(advertisement, HEADER, chunk, 0, chunk.length);
        return Optional.of(new Fragment(advertisement[1] & 0xff, index, count, chunk));
    }

    /** A parsed fragment: part {@code index} of {@code count} of message {@code number}. */
    record Fragment(int number, int index, int count, byte[] chunk) {
    }
}
