package io.smartshare.node.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smartshare.ledger.merkle.CompactRange;
import io.smartshare.ledger.merkle.TreeHasher;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sealing: leaves of 4,096 bytes whose root is the one reported, that open to the file, and only in place and with the key. */
class ContentCipherTest {
    private static final byte[] KEY = filled(32, 7);
    private static final byte[] NONCE = filled(16, 9);

    @TempDir
    Path dir;

    static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static byte[] leaf(byte[] sealed, long index) {
        int from = (int) index * 4_096;
        return Arrays.copyOfRange(sealed, from, Math.min(sealed.length, from + 4_096));
    }

    @Test
    void aSealedFileHasTheReportedSizeAndRootAndOpensLeafByLeaf() throws Exception {
        byte[] plain = new byte[10_000];
        for (int i = 0; i < plain.length; i++) {
            plain[i] = (byte) (i * 7);
        }
        Path file = Files.write(dir.resolve("plain"), plain);
        ContentCipher cipher = ContentCipher.of(KEY, NONCE);

        ContentCipher.Sealed sealed = cipher.seal(file, dir.resolve("sealed"));

        byte[] bytes = Files.readAllBytes(dir.resolve("sealed"));
        assertEquals(3, sealed.leaves());
        assertEquals(10_000 + 3 * 16, sealed.size());
        assertEquals(sealed.size(), bytes.length);
        CompactRange range = new CompactRange();
        ByteArrayOutputStream opened = new ByteArrayOutputStream();
        for (long i = 0; i < 3; i++) {
            range.append(TreeHasher.leaf(leaf(bytes, i)));
            opened.write(cipher.open(i, 3, leaf(bytes, i)));
        }
        assertArrayEquals(sealed.root(), range.root().bytes());
        assertArrayEquals(plain, opened.toByteArray());
        assertFalse(new String(bytes, StandardCharsets.ISO_8859_1).contains(new String(Arrays.copyOf(plain, 64),
                StandardCharsets.ISO_8859_1)), "no plaintext in the sealed file");
    }

    @Test
    void anEmptyFileSealsIntoOneLeafOfJustItsTag() throws Exception {
        ContentCipher.Sealed sealed = ContentCipher.of(KEY, NONCE).seal(Files.write(dir.resolve("empty"), new byte[0]),
                dir.resolve("sealed"));
        assertEquals(1, sealed.leaves());
        assertEquals(16, sealed.size());
    }

    @Test
    void aLeafMovedTruncatedOrOpenedWithAnotherKeyDoesNotOpen() throws Exception {
        Path file = Files.write(dir.resolve("plain"), new byte[10_000]);
        ContentCipher.of(KEY, NONCE).seal(file, dir.resolve("sealed"));
        byte[] bytes = Files.readAllBytes(dir.resolve("sealed"));
        ContentCipher cipher = ContentCipher.of(KEY, NONCE);

        assertThrows(AEADBadTagException.class, () -> cipher.open(2, 3, leaf(bytes, 1)), "leaf 1 read as leaf 2");
        assertThrows(AEADBadTagException.class, () -> cipher.open(1, 2, leaf(bytes, 1)), "a content cut to 2 leaves");
        assertThrows(AEADBadTagException.class, () -> ContentCipher.of(filled(32, 8), NONCE).open(1, 3,
                leaf(bytes, 1)), "another storage key");
        assertThrows(AEADBadTagException.class, () -> ContentCipher.of(KEY, filled(16, 1)).open(1, 3, leaf(bytes, 1)),
                "another agreement's key");
    }
}
