package io.smartshare.node.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium} (scripts/test installs it), run headless as TESTBED.md says
 * ({@code --no-sandbox --disable-gpu --disable-background-networking
 * --disable-component-update --disable-sync}) with an empty user-data dir of its own for each
 * page it loads. Each call loads the page afresh and lets its scripts run for {@code
 * scriptMillis} of virtual time (timers included) before it reads the result.
 */
public final class Chromium {
    private static final long TIMEOUT_SECONDS = 90;
    private final Path dir;

    public Chromium(Path dir) {
        this.dir = dir;
    }

    /** The page's DOM once its scripts ran, as {@code --dump-dom} prints it. */
    public String dom(String url, long scriptMillis) throws IOException, InterruptedException {
        return run(List.of("--virtual-time-budget=" + scriptMillis, "--dump-dom", url));
    }

    /** Takes a PNG screenshot of the page into {@code file} once its scripts ran. */
    public void screenshot(String url, long scriptMillis, Path file) throws IOException, InterruptedException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        run(List.of("--virtual-time-budget=" + scriptMillis, "--window-size=1280,900", "--hide-scrollbars",
                "--screenshot=" + file.toAbsolutePath(), url));
        if (!Files.exists(file)) {
            throw new IOException("chromium wrote no screenshot to " + file);
        }
    }

    private String run(List<String> args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(Files.createDirectories(dir), "chromium-profile");
        List<String> command = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile));
        command.addAll(args);
        Path log = profile.resolveSibling(profile.getFileName() + ".log");
        Path out = profile.resolveSibling(profile.getFileName() + ".out");
        Process p = new ProcessBuilder(command).directory(profile.toFile()).redirectError(log.toFile())
                .redirectOutput(out.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
        }
        if (p.exitValue() != 0) {
            throw new IOException("chromium exited " + p.exitValue() + ": " + Files.readString(log));
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
