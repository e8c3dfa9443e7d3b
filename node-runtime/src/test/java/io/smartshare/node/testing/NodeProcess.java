package io.smartshare.node.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real artifact ({@code smartshare-node.jar}, built by {@code mvn package}) running as a
 * child process with the JVM options of {@code bin/jvm.options} ({@code -Xmx32m}, serial GC,
 * exit on out-of-memory...), as a device runs it. Collects its stderr and learns the ports it
 * listens on from its log.
 */
public final class NodeProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("event=listening scheme=(coaps?) port=(\\d+)");
    private static final long START_TIMEOUT_SECONDS = 60;
    private static final long AWAIT_SECONDS = 90;

    private final Process process;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile int coapPort;
    private volatile int coapsPort;
    private final Thread reader;

    private NodeProcess(Process process, boolean expectCoaps) {
        this.process = process;
        this.reader = new Thread(() -> readLog(expectCoaps), "node-log-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** The jar under test. */
    public static Path jar() {
        String jar = System.getProperty("smartshare.jar");
        if (jar == null) {
            throw new IllegalStateException("system property smartshare.jar is not set: run through mvn verify");
        }
        return Path.of(jar);
    }

    /** Runs {@code smartshare-node <args>} and returns the process without waiting. */
    public static Process launch(List<String> args) throws IOException {
        return launch(Optional.empty(), args);
    }

    /**
     * Runs {@code <args>} with the jar's main class, or with {@code main} (a test double, from
     * the test classes) on the class path of the jar and the test classes.
     */
    public static Process launch(Optional<Class<?>> main, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(deviceJvmOptions());
        if (main.isPresent()) {
            String testClasses;
            try {
                testClasses = Path.of(main.get().getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            } catch (java.net.URISyntaxException e) {
                throw new IOException(e);
            }
            command.addAll(List.of("-cp", jar() + java.io.File.pathSeparator + testClasses, main.get().getName()));
        } else {
            command.addAll(List.of("-jar", jar().toString()));
        }
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.PIPE);
        builder.environment().put("MALLOC_ARENA_MAX", "2"); // as bin/smartshare-node sets it
        return builder.start();
    }

    /** The options of {@code bin/jvm.options}, as the launcher reads them (one per line, '#' comments). */
    public static List<String> deviceJvmOptions() throws IOException {
        String file = System.getProperty("smartshare.jvmOptions");
        if (file == null) {
            throw new IllegalStateException("system property smartshare.jvmOptions is not set: run through mvn verify");
        }
        return readJvmOptions(Path.of(file));
    }

    /** The options in a file like {@code bin/jvm.options}: one per line, '#' starts a comment. */
    public static List<String> readJvmOptions(Path file) throws IOException {
        return java.nio.file.Files.readAllLines(file).stream().map(line -> line.replaceAll("#.*", "").strip())
                .filter(line -> !line.isEmpty()).toList();
    }

    /** Runs a command to completion and returns its exit code, stdout and stderr. */
    public static Result runToEnd(List<String> args) throws IOException, InterruptedException {
        Process process = launch(args);
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("smartshare-node " + args + " did not end within " + START_TIMEOUT_SECONDS + " s");
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }

    /** The outcome of a command run to its end. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    /**
     * Starts {@code smartshare-node run} on the sim board with free ports in {@code dataDir},
     * plus {@code extraArgs}, and waits until it listens.
     */
    public static NodeProcess start(Path dataDir, boolean expectCoaps, String... extraArgs)
            throws IOException, InterruptedException {
        return start("sim", dataDir, expectCoaps, extraArgs);
    }

    /**
     * Writes {@code configYaml} to {@code dir/node.yaml} and starts a sim node with it and
     * the data dir {@code dir/data}.
     */
    public static NodeProcess startWithConfig(Path dir, String configYaml, boolean expectCoaps)
            throws IOException, InterruptedException {
        Path config = dir.resolve("node.yaml");
        java.nio.file.Files.writeString(config, configYaml);
        return start(dir.resolve("data"), expectCoaps, "--config", config.toString());
    }

    /** Like {@link #start(Path, boolean, String...)} on {@code board}. */
    public static NodeProcess start(String board, Path dataDir, boolean expectCoaps, String... extraArgs)
            throws IOException, InterruptedException {
        return start(board, dataDir, 0, expectCoaps, extraArgs);
    }

    /** Like {@link #start(String, Path, boolean, String...)} with {@code coap://} on {@code coapPort} (0: any). */
    public static NodeProcess start(String board, Path dataDir, int coapPort, boolean expectCoaps, String... extraArgs)
            throws IOException, InterruptedException {
        return start(Optional.empty(), board, dataDir, coapPort, expectCoaps, extraArgs);
    }

    /** Like {@link #start(String, Path, int, boolean, String...)}, with {@code main} as in {@link #launch(Optional, List)}. */
    public static NodeProcess start(Optional<Class<?>> main, String board, Path dataDir, int coapPort,
            boolean expectCoaps, String... extraArgs) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("run", "--board", board, "--data-dir", dataDir.toString(),
                "--coap-port", Integer.toString(coapPort), "--coaps-port", "0"));
        args.addAll(List.of(extraArgs));
        NodeProcess node = new NodeProcess(launch(main, args), expectCoaps);
        if (!node.ready.await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            node.process.destroyForcibly();
            throw new AssertionError("node did not start listening; log:\n" + node.log());
        }
        if (!node.process.isAlive() && node.coapPort == 0) {
            throw new AssertionError("node exited with " + node.process.exitValue() + "; log:\n" + node.log());
        }
        return node;
    }

    private void readLog(boolean expectCoaps) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                log.add(line);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    if (m.group(1).equals("coap")) {
                        coapPort = Integer.parseInt(m.group(2));
                    } else {
                        coapsPort = Integer.parseInt(m.group(2));
                    }
                }
                if (line.contains("event=started") && coapPort != 0 && (!expectCoaps || coapsPort != 0)) {
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            log.add("(log reader stopped: " + e + ")");
        } finally {
            ready.countDown();
        }
    }

    public int coapPort() {
        return coapPort;
    }

    public int coapsPort() {
        return coapsPort;
    }

    public String coapUri(String path) {
        return "coap://127.0.0.1:" + coapPort + path;
    }

    public String coapsUri(String path) {
        return "coaps://127.0.0.1:" + coapsPort + path;
    }

    /** GET {@code path} with libcoap's {@code coap-client-notls} (10 s wait) as JSON. */
    public Map<String, Object> get(String path) throws IOException, InterruptedException {
        CoapClientTool.Result result = CoapClientTool.run("coap-client-notls", 30, "-B", "10", coapUri(path));
        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(!result.text().isBlank(), "no answer to GET " + path + " within 10 s: " + result.stderr());
        return JsonDocument.object(result.text());
    }

    /**
     * Polls {@code path} until {@code done}, for at most {@value #AWAIT_SECONDS} s; a poll that
     * gets no answer counts as not done yet (and is printed, and named if time runs out).
     */
    public Map<String, Object> await(String path, Predicate<Map<String, Object>> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(AWAIT_SECONDS);
        Map<String, Object> doc = Map.of();
        String unanswered = "";
        while (true) {
            try {
                doc = get(path);
                if (done.test(doc)) {
                    return doc;
                }
            } catch (AssertionError e) {
                unanswered = e.getMessage();
                System.out.println("await: unanswered poll: " + unanswered);
            }
            assertTrue(System.nanoTime() < deadline, path + " never got there: " + doc
                    + (unanswered.isEmpty() ? "" : "\nlast poll unanswered: " + unanswered) + "\nlog:\n" + log());
            Thread.sleep(250);
        }
    }

    public String log() {
        synchronized (log) {
            return String.join("\n", log);
        }
    }

    /**
     * Sends SIGTERM and waits for the exit code. (Through the process handle: {@code
     * Process.destroy()} would also close the pipes and lose the last log lines.)
     */
    public Optional<Integer> terminate(long timeoutSeconds) throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            return Optional.empty();
        }
        reader.join(TimeUnit.SECONDS.toMillis(timeoutSeconds));
        return Optional.of(process.exitValue());
    }

    public Process process() {
        return process;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
