package io.smartshare.node.mesh.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A unicast frame with a per-link tag (docs/mesh-protocol.md, "Link authentication"):
 * header, counter u32, the inner frame's bytes, tag (4). The tag is HMAC-SHA256 under the
 * unicast key the sender handed this receiver in its key offer, over everything before it,
 * truncated; the counter grows with every sealed frame the sender sends in a session, so a
 * receiver refuses a replay. Registrations, refresh requests, probes, unicast repair requests
 * and data packets travel sealed.
 *
 * @param counter 1..2^32-1, unsigned
 * @param inner the encoded inner frame (a copy is kept), never itself a hello, heartbeat, key offer or sealed frame
 * @param tag the first 4 bytes of the tag, as an unsigned 32-bit value
 */
public record Sealed(long counter, byte[] inner, long tag) implements Frame {
    /** Bytes around the inner frame: header, counter, tag. */
    public static final int OVERHEAD = 9;
    /** Bytes of the tag. */
    public static final int TAG_LENGTH = 4;

    public Sealed {
        if (counter < 1 || counter > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("sealed counter: expected 1..2^32-1, found " + counter);
        }
        if (tag < 0 || tag > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("sealed tag: expected 32 bits, found " + tag);
        }
        if (inner.length == 0) {
            throw new IllegalArgumentException("sealed: empty inner frame");
        }
        inner = inner.clone();
    }

    /** The bytes the tag covers: header, counter, inner frame. */
    public static byte[] covered(long counter, byte[] inner) {
        return ByteBuffer.allocate(5 + inner.length).put(FrameType.SEALED.header()).putInt((int) counter).put(inner)
                .array();
    }

    @Override
    public byte[] inner() {
        return inner.clone();
    }

    @Override
    public void writeTo(ByteBuffer out) {
        out.put(covered(counter, inner)).putInt((int) tag);
    }

    @Override
    public int size() {
        return OVERHEAD + inner.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sealed s && counter == s.counter && tag == s.tag && Arrays.equals(inner, s.inner);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(counter) + Arrays.hashCode(inner);
    }

    @Override
    public String toString() {
        return "Sealed[counter=" + counter + ", inner=" + inner.length + " bytes]";
    }
}
