package io.smartshare.hal.dataplane;

import java.util.Arrays;
import java.util.Base64;

/**
 * A WireGuard (Curve25519) public key, 32 bytes, written in base64 as {@code wg} does.
 * Immutable.
 */
public final class WireGuardKey {
    private final byte[] bytes;

    private WireGuardKey(byte[] bytes) {
        if (bytes.length != 32) {
            throw new IllegalArgumentException("WireGuard key: expected 32 bytes, found " + bytes.length);
        }
        this.bytes = bytes.clone();
    }

    /** The key of these 32 bytes. */
    public static WireGuardKey of(byte[] bytes) {
        return new WireGuardKey(bytes);
    }

    /**
     * The key written in base64.
     *
     * @throws IllegalArgumentException if it is not 32 bytes in base64
     */
    public static WireGuardKey parse(String base64) {
        try {
            return new WireGuardKey(Base64.getDecoder().decode(base64.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a WireGuard key in base64: '" + base64 + "'", e);
        }
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WireGuardKey that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Base64, as {@code wg} writes it. */
    @Override
    public String toString() {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
