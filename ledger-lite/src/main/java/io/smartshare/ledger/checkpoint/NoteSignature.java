package io.smartshare.ledger.checkpoint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * One signature line of a signed note: {@code — <name> <base64(keyhash || payload)>}.
 * For a log signature the payload is the Ed25519 signature; for a witness cosignature it
 * is {@code u64 time || signature}.
 */
public final class NoteSignature {
    static final byte ALGORITHM_ED25519 = 0x01;
    static final byte ALGORITHM_COSIGNATURE_V1 = 0x04;

    private final String name;
    private final byte[] keyHash;
    private final byte[] payload;

    NoteSignature(String name, byte[] keyHash, byte[] payload) {
        this.name = Objects.requireNonNull(name, "name");
        this.keyHash = keyHash.clone();
        this.payload = payload.clone();
    }

    /** The signer's key name. */
    public String name() {
        return name;
    }

    /** {@code SHA-256(name || 0x0A || algorithm || public key)[0..4]} (C2SP signed-note). */
    static byte[] keyHash(String name, byte algorithm, byte[] publicKey) {
        MessageDigest d = io.smartshare.ledger.merkle.TreeHasher.newDigest();
        d.update(name.getBytes(StandardCharsets.UTF_8));
        d.update((byte) '\n');
        d.update(algorithm);
        d.update(publicKey);
        return Arrays.copyOf(d.digest(), 4);
    }

    boolean matches(String name, byte[] keyHash) {
        return this.name.equals(name) && Arrays.equals(this.keyHash, keyHash);
    }

    byte[] payload() {
        return payload.clone();
    }

    /** The line, with its trailing newline. */
    String line() {
        byte[] both = new byte[keyHash.length + payload.length];
        System.arraycopy(keyHash, 0, both, 0, keyHash.length);
        System.arraycopy(payload, 0, both, keyHash.length, payload.length);
        return "\u2014 " + name + " " + Base64.getEncoder().encodeToString(both) + "\n";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoteSignature s && name.equals(s.name) && Arrays.equals(keyHash, s.keyHash)
                && Arrays.equals(payload, s.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(keyHash), Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return line().strip();
    }
}
