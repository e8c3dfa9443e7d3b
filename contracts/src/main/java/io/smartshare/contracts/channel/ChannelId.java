package io.smartshare.contracts.channel;

import io.smartshare.contracts.ContractException;
import java.util.Arrays;
import java.util.HexFormat;

/** A channel's id: the first 16 bytes of SHA-256 of its open payload (docs/contracts.md §6.1). */
public final class ChannelId implements Comparable<ChannelId> {
    /** Length in bytes. */
    public static final int LENGTH = 16;

    private final byte[] bytes;

    private ChannelId(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * @throws ContractException if {@code bytes} is not 16 bytes long
     */
    public static ChannelId of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new ContractException("channel id: expected " + LENGTH + " bytes, found " + bytes.length);
        }
        return new ChannelId(bytes.clone());
    }

    /** The 16 bytes (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public int compareTo(ChannelId other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelId c && Arrays.equals(bytes, c.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
