package io.smartshare.hal.driver.tinyb;

import io.smartshare.hal.ble.BleException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * Loads tinyb's two native libraries from the {@code bluetooth-manager-tinyb} jar, which
 * carries them under {@code native/<os>/<arch>/} for 32-bit ARM (armv6, runs on armhf),
 * x86 and x86-64 Linux: {@code libtinyb.so} first, then {@code libjavatinyb.so}, which
 * needs it. They are copied to a private temporary directory, as the JVM can load only
 * files. Loaded at most once per JVM.
 *
 * <p>tinyb's own class initialiser then calls {@code System.loadLibrary}, which cannot see
 * the copies and prints "Native code library failed to load" on standard error; the
 * libraries are already loaded, so its native methods link regardless.
 */
final class TinybNatives {
    private static Optional<String> loadedFrom = Optional.empty();

    private TinybNatives() {
    }

    /** The jar folder with natives for {@code osArch} (the {@code os.arch} property), if the jar has one. */
    static Optional<String> folderFor(String osName, String osArch) {
        if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Optional.empty();
        }
        return switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> Optional.of("native/linux/x86_64");
            case "x86", "i386", "i486", "i586", "i686" -> Optional.of("native/linux/x86_32");
            case "arm", "armv6l", "armv7l", "armhf" -> Optional.of("native/arm/armv6");
            default -> Optional.empty();
        };
    }

    /**
     * Loads the natives for this JVM's platform.
     *
     * @return the directory they were loaded from
     * @throws BleException naming the platform or the library that failed
     */
    static synchronized String load(String osName, String osArch) throws BleException {
        if (loadedFrom.isPresent()) {
            return loadedFrom.get();
        }
        String folder = folderFor(osName, osArch).orElseThrow(() -> new BleException("no tinyb natives for os.name="
                + osName + " os.arch=" + osArch + " (the tinyb artifact ships Linux armv6, x86 and x86-64 only)"));
        Path dir;
        try {
            dir = Files.createTempDirectory("smartshare-tinyb-");
            dir.toFile().deleteOnExit();
            for (String library : new String[] {"libtinyb.so", "libjavatinyb.so"}) {
                Path file = dir.resolve(library);
                try (InputStream in = TinybNatives.class.getClassLoader().getResourceAsStream(folder + "/" + library)) {
                    if (in == null) {
                        throw new BleException("tinyb native " + folder + "/" + library + " missing from the classpath");
                    }
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
                file.toFile().deleteOnExit();
                System.load(file.toAbsolutePath().toString());
            }
        } catch (IOException e) {
            throw new BleException("cannot unpack tinyb natives from " + folder + ": " + e.getMessage(), e);
        } catch (UnsatisfiedLinkError e) {
            throw new BleException("cannot load tinyb natives from " + folder + " (glib/gio missing?): " + e.getMessage(), e);
        }
        loadedFrom = Optional.of(dir.toString());
        return dir.toString();
    }
}
