package io.smartshare.node.testing;

import io.smartshare.ledger.identity.NodeIdentity;
import java.util.Arrays;

/** Reproducible identities for tests: the private key is 32 copies of one byte. */
public final class SeededIdentities {
    private SeededIdentities() {
    }

    /** The 32-byte private key made of {@code seedByte}. */
    public static byte[] seed(int seedByte) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) seedByte);
        return seed;
    }

    /** The identity whose private key is {@link #seed(int) seed(seedByte)}. */
    public static NodeIdentity identity(int seedByte) {
        return NodeIdentity.fromSeed(seed(seedByte));
    }
}
