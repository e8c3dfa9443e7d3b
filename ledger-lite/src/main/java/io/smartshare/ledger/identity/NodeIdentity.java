package io.smartshare.ledger.identity;

import java.security.SecureRandom;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A node's Ed25519 key pair: signs on the node's behalf and names it by {@link NodeId}.
 *
 * <p>The private key never leaves this object except through {@link KeyFile}; {@link
 * #toString()} shows only the id. Instances are immutable and thread-safe.
 */
public final class NodeIdentity {
    /** Length of the private key (the RFC 8032 seed) in bytes. */
    public static final int SEED_LENGTH = Ed25519.SECRET_KEY_SIZE;

    private final byte[] seed;
    private final byte[] publicKeyBytes;
    private final Ed25519PublicKey publicKey;
    private final NodeId nodeId;

    private NodeIdentity(byte[] seed) {
        this.seed = seed;
        this.publicKeyBytes = new byte[Ed25519PublicKey.LENGTH];
        Ed25519.generatePublicKey(seed, 0, publicKeyBytes, 0);
        this.publicKey = Ed25519PublicKey.of(publicKeyBytes);
        this.nodeId = NodeId.of(publicKey);
    }

    /** Creates a fresh identity from {@code random}. */
    public static NodeIdentity generate(SecureRandom random) {
        byte[] seed = new byte[SEED_LENGTH];
        Ed25519.generatePrivateKey(random, seed);
        return new NodeIdentity(seed);
    }

    /** Rebuilds an identity from its 32-byte RFC 8032 private key. */
    public static NodeIdentity fromSeed(byte[] seed) {
        if (seed.length != SEED_LENGTH) {
            throw new IdentityException("Ed25519 private key: expected " + SEED_LENGTH + " bytes, found " + seed.length);
        }
        return new NodeIdentity(seed.clone());
    }

    /** Signs {@code message} (pure Ed25519, no context). */
    public byte[] sign(byte[] message) {
        return sign(message, 0, message.length);
    }

    /** Signs {@code message[offset, offset + length)}. */
    public byte[] sign(byte[] message, int offset, int length) {
        byte[] signature = new byte[Ed25519PublicKey.SIGNATURE_LENGTH];
        Ed25519.sign(seed, 0, publicKeyBytes, 0, message, offset, length, signature, 0);
        return signature;
    }

    public Ed25519PublicKey publicKey() {
        return publicKey;
    }

    public NodeId nodeId() {
        return nodeId;
    }

    /** The private key, for {@link KeyFile} only. */
    byte[] seed() {
        return seed.clone();
    }

    @Override
    public String toString() {
        return "NodeIdentity[" + nodeId + "]";
    }
}
