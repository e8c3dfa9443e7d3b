package io.smartshare.ledger.identity;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The key that encrypts the contents this node stores on others (AES-256, docs/storage.md),
 * in its data dir, {@code storage.key}:
 * <pre>
 * smartshare-aes256-v1
 * &lt;base64 of the 32-byte key&gt;
 * &lt;base64 of its check value: the first 16 bytes of SHA-256 of the key&gt;
 * </pre>
 * kept like the node's identity ({@link KeyFile}: mode 0600, the node's user's, never a link,
 * created once and never replaced silently). It never leaves the node: losing it loses every
 * content stored with it.
 */
public final class StorageKeyFile {
    /** Its name in the data dir. */
    public static final String FILE_NAME = "storage.key";
    /** The key's length in bytes. */
    public static final int KEY_LENGTH = 32;
    private static final int CHECK_LENGTH = 16;
    private static final SecretKeyFile FORMAT = new SecretKeyFile("smartshare-aes256-v1", KEY_LENGTH, CHECK_LENGTH,
            StorageKeyFile::checkValue, "restore the file from a backup: contents stored with it cannot be read"
                    + " without it");

    private StorageKeyFile() {
    }

    /**
     * The key stored at {@code file}, created there if no file exists.
     *
     * @throws IdentityException if the file exists but cannot be read, is not the node's alone, or is damaged
     */
    public static byte[] loadOrCreate(Path file, SecureRandom random) {
        return FORMAT.loadOrCreate(file, () -> {
            byte[] key = new byte[KEY_LENGTH];
            random.nextBytes(key);
            return key;
        });
    }

    static byte[] checkValue(byte[] key) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(key), CHECK_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
