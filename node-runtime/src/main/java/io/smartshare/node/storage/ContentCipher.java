package io.smartshare.node.storage;

import io.smartshare.contracts.storage.StorageTerms;
import io.smartshare.ledger.merkle.CompactRange;
import io.smartshare.ledger.merkle.TreeHasher;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * How an owner encrypts what it stores (docs/storage.md, "Encryption"): each content has its
 * own AES-256 key, {@code HMAC-SHA256(storage key, "smartshare/storage-file/v1" ‖ agreement
 * nonce)}; the file is cut into chunks of {@link #CHUNK} bytes (the last shorter, an empty
 * file one empty chunk), and chunk {@code i} is sealed with AES-256-GCM (IV: 4 zero bytes and
 * {@code i} as 8 bytes big-endian; additional data: {@code "smartshare/storage-content/v1"}
 * and the number of chunks, 8 bytes big-endian) into leaf {@code i}: ciphertext and 16-byte
 * tag, at most {@link StorageTerms#DEFAULT_LEAF_SIZE} bytes. A leaf moved, dropped or added
 * fails its tag. Each (key, IV) pair seals one chunk only: a content is sealed once, into a
 * staged file, and uploaded from there.
 */
public final class ContentCipher {
    /** Plain bytes per leaf: the leaf size less the GCM tag. */
    public static final int CHUNK = StorageTerms.DEFAULT_LEAF_SIZE - 16;
    private static final byte[] FILE_LABEL = "smartshare/storage-file/v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_LABEL = "smartshare/storage-content/v1".getBytes(StandardCharsets.US_ASCII);

    /** A sealed content: its size, leaves and RFC 6962 root over them. */
    public record Sealed(long size, long leaves, byte[] root) {
    }

    private final SecretKeySpec key;

    private ContentCipher(byte[] fileKey) {
        this.key = new SecretKeySpec(fileKey, "AES");
    }

    /** The cipher of the content whose agreement has nonce {@code nonce}, under the node's storage key. */
    public static ContentCipher of(byte[] storageKey, byte[] nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(storageKey, "HmacSHA256"));
            mac.update(FILE_LABEL);
            return new ContentCipher(mac.doFinal(nonce));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this JVM", e);
        }
    }

    /** The number of leaves a file of {@code plainSize} bytes seals into. */
    public static long leavesFor(long plainSize) {
        return Math.max(1, (plainSize + CHUNK - 1) / CHUNK);
    }

    /** Seals {@code plain} into {@code sealed} (replaced), returning its size and root. */
    public Sealed seal(Path plain, Path sealed) throws IOException {
        long plainSize = Files.size(plain);
        long leaves = leavesFor(plainSize);
        CompactRange range = new CompactRange();
        byte[] chunk = new byte[CHUNK];
        long size = 0;
        try (InputStream in = Files.newInputStream(plain); OutputStream out = Files.newOutputStream(sealed)) {
            for (long i = 0; i < leaves; i++) {
                int length = in.readNBytes(chunk, 0, (int) Math.min(CHUNK, plainSize - i * CHUNK));
                byte[] leaf = seal(i, leaves, chunk, length);
                range.append(TreeHasher.leaf(leaf));
                out.write(leaf);
                size += leaf.length;
            }
            if (in.read() >= 0) {
                throw new IOException(plain + " grew while it was being sealed; put it again");
            }
        }
        return new Sealed(size, leaves, range.root().bytes());
    }

    /**
     * Opens leaf {@code index} of {@code leaves}.
     *
     * @throws AEADBadTagException if the leaf is not the one sealed there under this key
     */
    public byte[] open(long index, long leaves, byte[] leaf) throws AEADBadTagException {
        return crypt(Cipher.DECRYPT_MODE, index, leaves, leaf, leaf.length);
    }

    private byte[] seal(long index, long leaves, byte[] chunk, int length) {
        try {
            return crypt(Cipher.ENCRYPT_MODE, index, leaves, chunk, length);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("AES-256-GCM: sealing checked a tag", e);
        }
    }

    private byte[] crypt(int mode, long index, long leaves, byte[] input, int length) throws AEADBadTagException {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            byte[] iv = ByteBuffer.allocate(12).putInt(0).putLong(index).array();
            cipher.init(mode, key, new GCMParameterSpec(128, iv));
            cipher.updateAAD(CONTENT_LABEL);
            cipher.updateAAD(ByteBuffer.allocate(8).putLong(leaves).array());
            return cipher.doFinal(Arrays.copyOf(input, length));
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM: " + e.getMessage(), e);
        }
    }
}
