package io.smartshare.node.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A certificate authority for one test, made with the {@code openssl} command: {@code
 * ca.pem}, and certificates it signs for a server ({@code 127.0.0.1} as IP address and
 * {@code localhost}) or a client, each with an unencrypted PKCS#8 key, valid for a day.
 */
public final class TestCa {
    private final Path dir;

    private TestCa(Path dir) {
        this.dir = dir;
    }

    /** A new CA named {@code name} in {@code dir}. */
    public static TestCa create(Path dir, String name) throws IOException, InterruptedException {
        TestCa ca = new TestCa(Files.createDirectories(dir));
        ca.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days",
                "1", "-subj", "/CN=" + name);
        return ca;
    }

    public Path certificate() {
        return dir.resolve("ca.pem");
    }

    /** A certificate for {@code name}, signed by this CA: {@code name.pem} and {@code name.key}. */
    public Path[] issue(String name, boolean server) throws IOException, InterruptedException {
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj",
                "/CN=" + name);
        Files.writeString(dir.resolve(name + ".ext"), server ? "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                : "extendedKeyUsage=clientAuth\n");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", name + ".pem", "-days", "1", "-extfile", name + ".ext");
        return new Path[] {dir.resolve(name + ".pem"), dir.resolve(name + ".key")};
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " failed: " + out);
        }
    }
}
