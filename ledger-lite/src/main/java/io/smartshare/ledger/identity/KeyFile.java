package io.smartshare.ledger.identity;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The node's key file: three text lines,
 * <pre>
 * smartshare-ed25519-v1
 * &lt;base64 of the 32-byte private key&gt;
 * &lt;base64 of the 32-byte public key&gt;
 * </pre>
 * created with mode 0600. The public key line lets a damaged private key be detected
 * rather than silently turned into a different identity.
 *
 * <p>As ssh demands of private keys, an existing file is used only if it is a regular file
 * (not a symbolic link), owned by the user the node runs as, and readable and writable by
 * that user alone (no group or other permission bits); anything else is refused with an
 * {@link IdentityException} that says what to fix, and the file is left as it is.
 *
 * <p>An existing file is never replaced: {@link #loadOrCreate} creates a key only where no
 * file exists, by linking a fully written and synced temporary file into place. The
 * file's handling is {@link SecretKeyFile}'s, shared with the {@link TunnelKeyFile}.
 */
public final class KeyFile {
    static final String HEADER = "smartshare-ed25519-v1";
    private static final SecretKeyFile FORMAT = new SecretKeyFile(HEADER, NodeIdentity.SEED_LENGTH,
            Ed25519PublicKey.LENGTH, seed -> NodeIdentity.fromSeed(seed).publicKey().encoded(),
            "refusing to start with a different identity (restore the file from a backup)");

    private KeyFile() {
    }

    /**
     * Loads the identity stored at {@code file}, or creates, stores and returns a new one
     * if no file exists there.
     *
     * @throws IdentityException if the file exists but cannot be read or is damaged, or a
     *     new one cannot be written
     */
    public static NodeIdentity loadOrCreate(Path file, SecureRandom random) {
        byte[] seed = FORMAT.loadOrCreate(file, () -> NodeIdentity.generate(random).seed());
        try {
            return NodeIdentity.fromSeed(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /**
     * Loads the identity stored at {@code file}.
     *
     * @throws IdentityException if it is missing, unreadable or damaged
     */
    public static NodeIdentity load(Path file) {
        byte[] seed = FORMAT.load(file);
        try {
            return NodeIdentity.fromSeed(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }
}
