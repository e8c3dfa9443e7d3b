package io.smartshare.node.mesh.wire;

import java.util.Optional;

/** The frame types of protocol version 1 and their header bytes. */
public enum FrameType {
    HELLO(1),
    HEARTBEAT(2),
    REGISTRATION(3),
    REPAIR_REQUEST(4),
    DATA(5),
    REFRESH_REQUEST(6),
    PROBE(7),
    KEY_OFFER(8),
    SEALED(9);

    private final int code;

    FrameType(int code) {
        this.code = code;
    }

    /** The header byte: version in the high nibble, type code in the low nibble. */
    public byte header() {
        return (byte) ((Frame.VERSION << 4) | code);
    }

    static Optional<FrameType> ofHeader(byte header) {
        if ((header & 0xff) >>> 4 != Frame.VERSION) {
            return Optional.empty();
        }
        int code = header & 0x0f;
        for (FrameType type : values()) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
