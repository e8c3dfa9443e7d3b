package io.smartshare.hal.driver.linux;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Captured and hand-written kernel files under {@code src/test/resources/proc/}. */
final class Samples {
    private Samples() {
    }

    static String proc(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/proc/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample /proc/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
