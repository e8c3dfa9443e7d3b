package io.smartshare.ledger.identity;

import java.nio.file.Path;
import java.security.SecureRandom;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * The node's WireGuard key (Curve25519, RFC 7748) in its data dir, {@code tunnel.key}:
 * <pre>
 * smartshare-x25519-v1
 * &lt;base64 of the 32-byte private key&gt;
 * &lt;base64 of the 32-byte public key&gt;
 * </pre>
 * kept like the node's identity ({@link KeyFile}: mode 0600, the node's user's, never a
 * link, created once and never replaced silently). The public key is WireGuard's (what {@code
 * wg pubkey} prints for the private key).
 */
public final class TunnelKeyFile {
    /** Its name in the data dir. */
    public static final String FILE_NAME = "tunnel.key";
    static final String HEADER = "smartshare-x25519-v1";
    private static final SecretKeyFile FORMAT = new SecretKeyFile(HEADER, X25519.SCALAR_SIZE, X25519.POINT_SIZE,
            TunnelKeyFile::publicKeyOf, "restore the file from a backup, or move it away to make a new tunnel key"
                    + " (neighbours then learn the new one from the node's next tunnel offer)");

    private TunnelKeyFile() {
    }

    /**
     * The private key stored at {@code file}, created there if no file exists.
     *
     * @throws IdentityException if the file exists but cannot be read, is not the node's alone, or is damaged
     */
    public static byte[] loadOrCreate(Path file, SecureRandom random) {
        return FORMAT.loadOrCreate(file, () -> generate(random));
    }

    /** A new private key. */
    public static byte[] generate(SecureRandom random) {
        byte[] key = new byte[X25519.SCALAR_SIZE];
        X25519.generatePrivateKey(random, key);
        return key;
    }

    /** The public key of {@code privateKey} (X25519 with the base point, as WireGuard derives it). */
    public static byte[] publicKeyOf(byte[] privateKey) {
        byte[] point = new byte[X25519.POINT_SIZE];
        X25519.generatePublicKey(privateKey, 0, point, 0);
        return point;
    }
}
