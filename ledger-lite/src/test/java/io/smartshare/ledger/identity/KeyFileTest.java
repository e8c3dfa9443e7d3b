package io.smartshare.ledger.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileTest {
    @TempDir
    Path dir;

    @Test
    void createsKeyFileReadableOnlyByOwner() throws IOException {
        Path file = dir.resolve("node.key");
        KeyFile.loadOrCreate(file, new SecureRandom());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(KeyFile.HEADER, Files.readAllLines(file).get(0));
        assertEquals(1, Files.list(dir).count(), "no temporary file is left behind");
    }

    @Test
    void reloadKeepsTheSameIdentity() {
        Path file = dir.resolve("node.key");
        NodeIdentity first = KeyFile.loadOrCreate(file, new SecureRandom());
        NodeIdentity second = KeyFile.loadOrCreate(file, new SecureRandom());
        assertEquals(first.nodeId(), second.nodeId());
        byte[] message = {1, 2, 3};
        assertTrue(first.publicKey().verify(message, second.sign(message)));
    }

    @Test
    void truncatedKeyFileIsRefusedAndLeftAsItWas() throws IOException {
        Path file = dir.resolve("node.key");
        KeyFile.loadOrCreate(file, new SecureRandom());
        byte[] whole = Files.readAllBytes(file);
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length / 2);
        Files.write(file, truncated);
        IdentityException error = assertThrows(IdentityException.class,
                () -> KeyFile.loadOrCreate(file, new SecureRandom()));
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("damaged"), error.getMessage());
        assertArrayEquals(truncated, Files.readAllBytes(file), "a damaged key is never replaced");
    }

    @Test
    void privateKeyThatNoLongerMatchesItsPublicKeyIsRefused() throws IOException {
        Path file = dir.resolve("node.key");
        KeyFile.loadOrCreate(file, new SecureRandom());
        var lines = Files.readAllLines(file);
        char[] seed = lines.get(1).toCharArray();
        seed[5] = seed[5] == 'A' ? 'B' : 'A';
        Files.write(file, java.util.List.of(lines.get(0), new String(seed), lines.get(2)));
        IdentityException error = assertThrows(IdentityException.class, () -> KeyFile.load(file));
        assertTrue(error.getMessage().contains(":2:"), error.getMessage());
        assertTrue(!error.getMessage().contains(new String(seed)), "no secret in the message");
    }

    @Test
    void missingKeyFileIsReportedByLoad() {
        IdentityException error = assertThrows(IdentityException.class, () -> KeyFile.load(dir.resolve("absent.key")));
        assertTrue(error.getMessage().contains("does not exist"));
    }

    @Test
    void symbolicLinkToAnotherKeyIsRefusedAndChangesNothing() throws IOException {
        Path other = dir.resolve("someone-else.key");
        KeyFile.loadOrCreate(other, new SecureRandom());
        byte[] before = Files.readAllBytes(other);
        Path link = Files.createSymbolicLink(dir.resolve("node.key"), other);
        IdentityException error = assertThrows(IdentityException.class, () -> KeyFile.loadOrCreate(link, new SecureRandom()));
        assertTrue(error.getMessage().contains("symbolic link"), error.getMessage());
        assertTrue(Files.isSymbolicLink(link), "the link is left as it was");
        assertArrayEquals(before, Files.readAllBytes(other));
    }

    @Test
    void danglingSymbolicLinkIsRefusedRatherThanFollowedToCreateAKey() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("node.key"), dir.resolve("elsewhere.key"));
        IdentityException error = assertThrows(IdentityException.class, () -> KeyFile.loadOrCreate(link, new SecureRandom()));
        assertTrue(error.getMessage().contains("symbolic link"), error.getMessage());
        assertTrue(Files.notExists(dir.resolve("elsewhere.key")), "no key was created through the link");
    }

    @Test
    void keyReadableByOthersIsRefusedWithTheModeToSet() throws IOException {
        Path file = dir.resolve("node.key");
        KeyFile.loadOrCreate(file, new SecureRandom());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        IdentityException error = assertThrows(IdentityException.class, () -> KeyFile.load(file));
        assertTrue(error.getMessage().contains("rw-r--r--") && error.getMessage().contains("chmod 600"), error.getMessage());
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), "mode unchanged");
    }

    @Test
    void keyOwnedBySomeoneElseIsRefused() throws IOException {
        Path file = dir.resolve("node.key");
        KeyFile.loadOrCreate(file, new SecureRandom());
        UserPrincipal nobody;
        try {
            nobody = file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(file, nobody);
        } catch (IOException e) {
            Assumptions.abort("changing a file's owner needs root: " + e.getMessage());
            return;
        }
        IdentityException error = assertThrows(IdentityException.class, () -> KeyFile.load(file));
        assertTrue(error.getMessage().contains("owned by nobody"), error.getMessage());
    }
}
