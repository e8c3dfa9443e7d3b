package io.smartshare.node.mesh.wire;

import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.IdentityException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decoded public keys by their 32 bytes, least recently used forgotten first. Decoding a key
 * decompresses a curve point, which costs about as much as half a signature check; a node
 * hears the same few neighbours' keys in every hello. Not thread-safe.
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
     * @throws IdentityException if they are not a valid key
     */
    Ed25519PublicKey decode(byte[] bytes) {
        ByteBuffer k = ByteBuffer.wrap(bytes);
        Ed25519PublicKey key = keys.get(k);
        if (key == null) {
            key = Ed25519PublicKey.of(bytes);
            keys.put(k, key);
        }
        return key;
    }
}
