package io.smartshare.node.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands exactly as a guide shows them, with bash, in a working directory whose
 * {@code bin/smartshare-node} is the project's launcher (also on the PATH as
 * {@code smartshare-node}); only the guide's placeholders (its example address, keys, ids,
 * directories) are replaced by what this machine has, literally and in the order given.
 * Each command must be one the guides show; the ones run are remembered.
 */
public final class GuideShell {
    private static final long COMMAND_SECONDS = 60;

    private final Map<String, String> shown;
    private final Path cwd;
    private final Map<String, String> env;
    private final Map<String, String> placeholders = new LinkedHashMap<>();
    private final Set<String> ran = new LinkedHashSet<>();

    /**
     * {@code shown}: every command the guides show, with where; {@code cwd}: the working
     * directory (a {@code bin/} is made in it); {@code env}: further environment variables.
     */
    public GuideShell(Map<String, String> shown, Path cwd, Map<String, String> env) throws IOException {
        this.shown = shown;
        this.cwd = cwd;
        this.env = new LinkedHashMap<>(env);
        Path bin = Files.createDirectories(cwd.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("smartshare-node"), DocBlocks.root().resolve("bin/smartshare-node"));
        this.env.put("PATH", bin + ":" + System.getenv("PATH"));
        this.env.put("SMARTSHARE_JAR", NodeProcess.jar().toString());
    }

    /** From now on, {@code placeholder} in a command is replaced by {@code value}. */
    public void replace(String placeholder, String value) {
        placeholders.put(placeholder, value);
    }

    /** The outcome of a command run to its end. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs the shown commands one after the other in one shell; fails unless it exits 0. Its stdout. */
    public String run(String... commands) throws IOException, InterruptedException {
        Result result = runToEnd(commands);
        assertEquals(0, result.exitCode(), String.join("\n", commands) + "\nfailed:\n" + result.stderr() + result.stdout());
        return result.stdout();
    }

    /** Runs the shown commands one after the other in one shell: how it ended. */
    public Result runToEnd(String... commands) throws IOException, InterruptedException {
        Path out = Files.createTempFile(cwd, "stdout", ".txt");
        Path err = Files.createTempFile(cwd, "stderr", ".txt");
        Process process = launch("set -e\n" + script(commands), out, err);
        if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(String.join("\n", commands) + "\ndid not end in " + COMMAND_SECONDS + " s");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Starts a shown command that runs until stopped (a node), its output going to a log. */
    public Running start(String command) throws IOException {
        Path log = Files.createTempFile(cwd, "running", ".log");
        return new Running(command, launch("exec " + script(command), log, log), log);
    }

    /** A command started by {@link #start}. */
    public record Running(String command, Process process, Path log) {
        /** Waits up to 60 s for a line of its output containing {@code text}. */
        public void await(String text) throws Exception {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(COMMAND_SECONDS);
            while (!Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
                assertTrue(process.isAlive(), command + " ended:\n" + Files.readString(log, StandardCharsets.UTF_8));
                assertTrue(System.nanoTime() < end, command + " printed no '" + text + "':\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
                Thread.sleep(100);
            }
        }

        /** SIGTERM; fails unless it then exits 0 within 30 s. */
        public void stop() throws Exception {
            process.destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), command + " did not stop on SIGTERM");
            assertEquals(0, process.exitValue(), command + " on SIGTERM:\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    /** The shown commands that were run. */
    public Set<String> ran() {
        return ran;
    }

    private String script(String... commands) {
        StringBuilder script = new StringBuilder();
        for (String command : commands) {
            assertTrue(shown.containsKey(command), "the guides show no '" + command + "'");
            ran.add(command);
            String here = command;
            for (Map.Entry<String, String> p : placeholders.entrySet()) {
                here = here.replace(p.getKey(), p.getValue());
            }
            script.append(here).append('\n');
        }
        return script.toString();
    }

    private Process launch(String script, Path out, Path err) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", "-c", script)).directory(cwd.toFile());
        builder.environment().putAll(env);
        if (out.equals(err)) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(err.toFile());
        }
        return builder.redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }
}
