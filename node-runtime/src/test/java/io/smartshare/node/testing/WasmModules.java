package io.smartshare.node.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The test modules, kept as WebAssembly text in {@code src/test/wasm} and compiled by
 * wabt's {@code wat2wasm} (scripts/test installs Debian's {@code wabt}) into {@code
 * target/wasm} the first time a test asks for one.
 */
public final class WasmModules {
    /** From node-runtime (tests) or from the repository's root (the bench scripts). */
    private static final Path MODULE = Files.isDirectory(Path.of("src", "test", "wasm")) ? Path.of("")
            : Path.of("node-runtime");
    private static final Path SOURCES = MODULE.resolve(Path.of("src", "test", "wasm"));
    private static final Path TARGET = MODULE.resolve(Path.of("target", "wasm"));

    private WasmModules() {
    }

    /** The compiled module {@code name} ({@code src/test/wasm/<name>.wat}). */
    public static synchronized Path file(String name) throws IOException, InterruptedException {
        Path source = SOURCES.resolve(name + ".wat");
        Path target = TARGET.resolve(name + ".wasm");
        if (Files.exists(target) && Files.getLastModifiedTime(target).compareTo(Files.getLastModifiedTime(source)) >= 0) {
            return target.toAbsolutePath();
        }
        Files.createDirectories(TARGET);
        Process wat2wasm = new ProcessBuilder("wat2wasm", source.toString(), "-o", target.toString())
                .redirectErrorStream(true).start();
        String out = new String(wat2wasm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wat2wasm.waitFor() != 0) {
            throw new IOException("wat2wasm " + source + " failed: " + out);
        }
        return target.toAbsolutePath();
    }

    /** The bytes of module {@code name}. */
    public static byte[] bytes(String name) throws IOException, InterruptedException {
        return Files.readAllBytes(file(name));
    }
}
