package io.smartshare.node.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.node.testing.NodeProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;

/** Runs the namespace scripts under {@code scripts/} for the integration tests (root only). */
public final class NetnsScripts {
    private NetnsScripts() {
    }

    /** A finished script: its exit code and everything it printed. */
    public record Run(int exitCode, String output) {
    }

    /** Runs {@code scripts/<name>} on the node jar with {@code env}, for at most 5 minutes. */
    public static Run run(String name, Map<String, String> env) throws IOException, InterruptedException {
        Path script = Path.of("..", "scripts", name).toAbsolutePath().normalize();
        assertTrue(Files.isExecutable(script), "missing " + script);
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), NodeProcess.jar().toString())
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), output);
        System.out.println(output);
        return new Run(process.exitValue(), output);
    }

    public static boolean isRoot() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u").start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return id.waitFor() == 0 && uid.equals("0");
    }

    /** The output of {@code ip netns list}. */
    public static String namespaces() throws IOException, InterruptedException {
        Process list = new ProcessBuilder("ip", "netns", "list").start();
        String out = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        list.waitFor();
        return out;
    }

    /**
     * Asserts that the script's run ended by removing {@code namespaces} namespaces of its own
     * (its "namespaces prefix=" and "CLEANUP" lines) and that none of them is left.
     */
    public static void assertCleanedUp(String output, int namespaces) throws IOException, InterruptedException {
        Matcher prefix = Pattern.compile("namespaces prefix=(\\S+)").matcher(output);
        assertTrue(prefix.find(), output);
        assertTrue(output.contains("CLEANUP namespaces-removed=" + namespaces + " left=0"), output);
        String left = namespaces();
        assertTrue(!left.contains(prefix.group(1) + "-"), "namespaces left behind: " + left);
    }
}
