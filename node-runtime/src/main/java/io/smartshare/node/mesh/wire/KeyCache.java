package io.smartshare.node.mesh.wire;

import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.IdentityException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Public keys by their 32 bytes, least recently used forgotten first. Keys are taken {@link
 * Ed25519PublicKey#deferred deferred}: decoding and validating the curve point costs about as
 * much as a signature check, so it is done at the key's first signature check (which the hello
 * gate rate-limits), not for every datagram that carries a key; a cached key keeps its decoded
 * point, and a node hears the same few neighbours' keys in every hello. Not thread-safe.
 */
public final class KeyCache {
    private final Map<ByteBuffer, Ed25519PublicKey> keys;

    public KeyCache(int capacity) {
        this.keys = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Ed25519PublicKey> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The key encoded by {@code bytes}.
     *
     * @throws IdentityException if they are not 32 bytes
     */
    Ed25519PublicKey decode(byte[] bytes) {
        ByteBuffer k = ByteBuffer.wrap(bytes);
        Ed25519PublicKey key = keys.get(k);
        if (key == null) {
            key = Ed25519PublicKey.deferred(bytes);
            keys.put(k, key);
        }
        return key;
    }
}
