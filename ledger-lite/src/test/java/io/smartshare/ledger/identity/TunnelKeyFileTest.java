package io.smartshare.ledger.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TunnelKeyFileTest {
    @TempDir
    Path dir;

    @Test
    void thePublicKeyIsRfc7748sX25519OfThePrivateKey() {
        // RFC 7748 section 6.1, Alice's key pair
        byte[] alice = HexFormat.of().parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        assertEquals("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
                HexFormat.of().formatHex(TunnelKeyFile.publicKeyOf(alice)));
    }

    @Test
    void aKeyIsCreatedOnceMode0600AndLoadedUnchangedAfter() throws Exception {
        Path file = dir.resolve("tunnel.key");
        byte[] first = TunnelKeyFile.loadOrCreate(file, new SecureRandom());
        byte[] again = TunnelKeyFile.loadOrCreate(file, new SecureRandom());
        assertArrayEquals(first, again);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        List<String> lines = Files.readAllLines(file);
        assertEquals(TunnelKeyFile.HEADER, lines.get(0));
    }

    @Test
    void aFileOpenToOthersOrDamagedIsRefusedAndLeftAsItIs() throws Exception {
        Path file = dir.resolve("tunnel.key");
        TunnelKeyFile.loadOrCreate(file, new SecureRandom());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        IdentityException open = assertThrows(IdentityException.class,
                () -> TunnelKeyFile.loadOrCreate(file, new SecureRandom()));
        assertTrue(open.getMessage().contains("chmod 600"), open.getMessage());

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        List<String> lines = Files.readAllLines(file);
        String damaged = lines.get(0) + "\n" + lines.get(1) + "\n" + lines.get(1) + "\n";
        Files.writeString(file, damaged);
        IdentityException mismatch = assertThrows(IdentityException.class,
                () -> TunnelKeyFile.loadOrCreate(file, new SecureRandom()));
        assertTrue(mismatch.getMessage().contains(":2: damaged: private key does not match the stored public key"),
                mismatch.getMessage());
        assertEquals(damaged, Files.readString(file), "never replaced silently");
    }
}
