package io.smartshare.hal.driver.linux;

import io.smartshare.hal.dataplane.DataPlaneException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands as processes of this machine, each optionally behind a fixed prefix (tests
 * run the driver inside a network namespace with {@code ip netns exec NAME}). Output goes to
 * temporary files, not pipes: {@code wireguard-go} leaves a daemon behind that keeps its
 * parent's output open, and a pipe would never end.
 */
public final class SystemCommands implements Commands {
    /** How long a command may take. */
    static final long TIMEOUT_SECONDS = 10;
    /** Output kept from each stream. */
    private static final int MAX_OUTPUT_BYTES = 64 * 1024;

    private final List<String> prefix;

    /** @param prefix put before every command (empty to run them as they are) */
    public SystemCommands(List<String> prefix) {
        this.prefix = List.copyOf(prefix);
    }

    @Override
    public Result run(List<String> command, byte[] stdin) throws DataPlaneException {
        List<String> full = new ArrayList<>(prefix);
        full.addAll(command);
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("smartshare-cmd", ".out");
            err = Files.createTempFile("smartshare-cmd", ".err");
            Process process = new ProcessBuilder(full).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin);
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new DataPlaneException("`" + String.join(" ", command) + "` did not finish in " + TIMEOUT_SECONDS
                        + " s");
            }
            return new Result(process.exitValue(), read(out), read(err));
        } catch (IOException e) {
            throw new DataPlaneException("`" + String.join(" ", command) + "` could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataPlaneException("interrupted while `" + String.join(" ", command) + "` ran", e);
        } finally {
            delete(out);
            delete(err);
        }
    }

    private static String read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int length = Math.min(bytes.length, MAX_OUTPUT_BYTES);
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file left in /tmp: nothing to do about it here
            }
        }
    }
}
