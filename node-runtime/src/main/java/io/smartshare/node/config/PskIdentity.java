package io.smartshare.node.config;

import java.util.Arrays;

/**
 * A DTLS pre-shared-key identity the operator allows to connect over {@code coaps://}.
 *
 * @param identity the PSK identity a client presents (e.g. {@code coap-client -u})
 * @param key the shared secret, as the bytes of the configured text ({@code coap-client -k})
 * @param mayWriteConfig whether this identity may change {@code /config}
 */
public record PskIdentity(String identity, byte[] key, boolean mayWriteConfig) {
    public PskIdentity {
        if (identity.isEmpty() || identity.length() > 128) {
            throw new IllegalArgumentException("psk identity: expected 1 to 128 characters, found " + identity.length());
        }
        if (key.length < 8) {
            throw new IllegalArgumentException("psk key of '" + identity + "': expected at least 8 bytes");
        }
        key = key.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PskIdentity other && identity.equals(other.identity)
                && Arrays.equals(key, other.key) && mayWriteConfig == other.mayWriteConfig;
    }

    @Override
    public int hashCode() {
        return identity.hashCode();
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "PskIdentity[" + identity + ", mayWriteConfig=" + mayWriteConfig + "]";
    }
}
