package io.smartshare.node.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.node.testing.SeededIdentities;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vectors of docs/storage.md, computed independently by
 * {@code node-runtime/src/test/python/storage_vectors.py} (Python's {@code cryptography}).
 */
class StorageVectorsTest {
    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path dir;

    @Test
    void aSealedContentHasTheDocumentedLeavesAndRoot() throws Exception {
        byte[] plain = new byte[10_000];
        for (int i = 0; i < plain.length; i++) {
            plain[i] = (byte) (i * 7);
        }
        Path file = Files.write(dir.resolve("plain"), plain);

        ContentCipher.Sealed sealed = ContentCipher.of(ContentCipherTest.filled(32, 0x07), ContentCipherTest.filled(16, 0x09)).seal(file,
                dir.resolve("sealed"));

        byte[] bytes = Files.readAllBytes(dir.resolve("sealed"));
        assertEquals(3, sealed.leaves());
        assertEquals(10_048, sealed.size());
        assertEquals("ac7e390018d22409f52f6227d0efadfc", HEX.formatHex(bytes, 0, 16));
        assertEquals("a7fbbc1b67a6daf2830e7105a891b793", HEX.formatHex(bytes, bytes.length - 16, bytes.length));
        assertEquals("8937b72955c62376c0a712cbd45d16b0bd60ec740ac48bda353bcf5b70656437", HEX.formatHex(sealed.root()));
    }

    @Test
    void anOwnersSignedUploadIsTheDocumentedOne() {
        String sig = "K1O24yhrS5a19tPTnCEGw76W33WrZkzJWN_f_AjGlLbCUzVbHjwf-0wuvVBM8eak7Emm85G_UHrgXB-H-0fqAA";
        String id = "000102030405060708090a0b0c0d0e0f";
        assertEquals(sig, OwnerSignature.UPLOAD.sign(SeededIdentities.identity(0x51), id, 4, 0, new byte[] {1, 2, 3}));
        assertTrue(OwnerSignature.UPLOAD.verify(SeededIdentities.identity(0x51).publicKey(), id, 4, 0,
                new byte[] {1, 2, 3}, Optional.of(sig)));
    }
}
