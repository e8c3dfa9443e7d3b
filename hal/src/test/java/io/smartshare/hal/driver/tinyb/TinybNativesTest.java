package io.smartshare.hal.driver.tinyb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.smartshare.hal.ble.BleException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TinybNativesTest {
    @Test
    void picksTheJarFolderForEachShippedPlatform() {
        assertEquals(Optional.of("native/linux/x86_64"), TinybNatives.folderFor("Linux", "amd64"));
        assertEquals(Optional.of("native/linux/x86_32"), TinybNatives.folderFor("Linux", "i386"));
        assertEquals(Optional.of("native/arm/armv6"), TinybNatives.folderFor("Linux", "arm"));
    }

    @Test
    void has64BitArmAndOtherSystemsNoNatives() {
        assertEquals(Optional.empty(), TinybNatives.folderFor("Linux", "aarch64"));
        assertEquals(Optional.empty(), TinybNatives.folderFor("Mac OS X", "amd64"));
        BleException error = assertThrows(BleException.class, () -> TinybNatives.load("Linux", "aarch64"));
        assertTrue(error.getMessage().startsWith("no tinyb natives for os.name=Linux os.arch=aarch64"), error.getMessage());
    }

    @Test
    void loadsTheShippedNativesOnThisX8664Linux() throws BleException {
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
                "natives ship for this test host's platform only on x86-64 Linux");
        String dir = TinybNatives.load("Linux", "amd64");
        assertTrue(Files.isRegularFile(Path.of(dir, "libtinyb.so")));
        assertTrue(Files.isRegularFile(Path.of(dir, "libjavatinyb.so")));
        assertEquals(dir, TinybNatives.load("Linux", "amd64"), "loaded once per JVM");
    }
}
