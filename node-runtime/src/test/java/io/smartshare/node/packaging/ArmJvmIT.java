package io.smartshare.node.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.node.testing.CoapClientTool;
import io.smartshare.node.testing.InProcessCoap;
import io.smartshare.node.testing.JsonDocument;
import io.smartshare.node.testing.NodeProcess;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The node on the JVMs the boards run, under qemu-user: Debian bookworm's arm64 and armhf
 * openjdk-17 from a sysroot ({@code scripts/lib/arm-sysroot}: debootstrap --foreign and dpkg -x,
 * cached between runs), running the packaged (trimmed) jar through the launcher, and the arm64
 * image ({@code scripts/build-image arm64}: a jlink runtime from the arm64 jmods, the jar, the
 * launcher) the same way, the image unpacked from its tarball as the operator guide shows. Each
 * prints its version and node id, checks every board file and the raspberry-pi-4b board by name in
 * one run, starts a node that answers libcoap's client on {@code /node} with that id and
 * {@code /health} (the JVMs: a sim node, every component up; the image: on raspberry-pi-4b, as the
 * guide runs it, Pi4J saying the pins it cannot have here are absent, the rest up), stops on
 * SIGTERM, and then verifies the ledger that node wrote (its meters, appended every second, and
 * the checkpoints it signed). Needs root (debootstrap)
 * and qemu-user-static; skipped, saying so, without them.
 */
class ArmJvmIT {
    private static final Path ROOT = Path.of(System.getProperty("smartshare.root"));
    private static final long COMMAND_SECONDS = 240;
    private static final long ANSWER_SECONDS = 120;
    private static final int MIN_RECORDS = 3;
    /** The board the operator guide runs the arm64 image with. */
    private static final String BOARD = "raspberry-pi-4b";
    private static final Pattern ACCEPTED = Pattern.compile("accepted: (\\d+) records, .* (\\d+) signed checkpoints verified");
    /** ELF e_machine values. */
    private static final int EM_ARM = 40;
    private static final int EM_AARCH64 = 183;

    /** A JVM to run the node on. */
    enum Target {
        ARM64_JVM("arm64", "qemu-aarch64-static", EM_AARCH64, false, false),
        ARMHF_JVM("armhf", "qemu-arm-static", EM_ARM, false, true),
        ARM64_IMAGE("arm64", "qemu-aarch64-static", EM_AARCH64, true, false);

        final String arch;
        final String qemu;
        final int elfMachine;
        final boolean image;
        final boolean tmpfs;

        Target(String arch, String qemu, int elfMachine, boolean image, boolean tmpfs) {
            this.arch = arch;
            this.qemu = qemu;
            this.elfMachine = elfMachine;
            this.image = image;
            this.tmpfs = tmpfs;
        }
    }

    @TempDir
    Path dir;
    private Path nodeLog;

    @BeforeAll
    static void needsRootAndQemu() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "ArmJvmIT needs root (debootstrap makes the ARM sysroots): skipped");
        for (String tool : List.of("qemu-aarch64-static", "qemu-arm-static", "debootstrap", "aarch64-linux-gnu-strip")) {
            Assumptions.assumeTrue(new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0,
                    "ArmJvmIT needs " + tool + " (scripts/test installs it): skipped");
        }
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void theNodeRunsOnTheArmJvm(Target target) throws Exception {
        Path sysroot = Path.of(lastLine(run(List.of(), ROOT.resolve("scripts/lib/arm-sysroot").toString(), target.arch)));
        Path java;
        Path launcher;
        List<String> env = new ArrayList<>();
        if (target.image) {
            // as the operator guide installs it ("From an image"): the tarball unpacked, its launcher run
            Path built = ROOT.resolve(lastLine(run(List.of(), ROOT.resolve("scripts/build-image").toString(), target.arch)));
            Path tarball;
            try (Stream<Path> files = Files.list(built.getParent())) {
                tarball = files.filter(f -> f.getFileName().toString().matches("smartshare-node-.*-linux-" + target.arch
                        + "\\.tar\\.gz")).findFirst().orElseThrow(() -> new AssertionError("no tarball beside " + built));
            }
            Path opt = Files.createDirectories(dir.resolve("opt"));
            run(List.of(), "tar", "-C", opt.toString(), "-xzf", tarball.toString());
            Path image = opt.resolve(built.getFileName());
            java = image.resolve("runtime/bin/java");
            launcher = image.resolve("bin/smartshare-node");
        } else {
            java = sysroot.resolve("usr/lib/jvm/java-17-openjdk-" + target.arch + "/bin/java");
            launcher = ROOT.resolve("bin/smartshare-node");
            env.add("SMARTSHARE_JAR=" + NodeProcess.jar());
        }
        assertEquals(target.elfMachine, elfMachine(java), java + " is not a " + target.arch + " program");
        // No class-data archive under emulation: it is made on the device.
        env.add("SMARTSHARE_CDS_DIR=");
        // 32-bit programs under qemu-user on this 64-bit kernel get EOVERFLOW listing an ext4
        // directory (its 64-bit hash offsets; a real 32-bit kernel gives 32-bit ones): the armhf
        // sysroot and the node's data live on a tmpfs for the test.
        Path work = target.tmpfs ? Files.createTempDirectory(Path.of("/dev/shm"), "arm-jvm-it") : dir;
        try {
            if (target.tmpfs) {
                run(List.of(), "cp", "-a", sysroot.toString(), work.resolve("sysroot").toString());
                java = work.resolve("sysroot").resolve(sysroot.relativize(java));
                sysroot = work.resolve("sysroot");
            }
            runsOn(target, sysroot, java, launcher, env, work);
        } finally {
            if (target.tmpfs) {
                run(List.of(), "rm", "-rf", work.toString());
            }
        }
    }

    private void runsOn(Target target, Path sysroot, Path java, Path launcher, List<String> env, Path work)
            throws Exception {
        Path wrapper = dir.resolve("java");
        Files.writeString(wrapper, "#!/bin/sh\nexec " + target.qemu + " -L '" + sysroot + "' '" + java + "' \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        env.add("JAVA=" + wrapper);

        Path data = work.resolve("data");
        // The node appends its meters to its ledger every second: a ledger to verify.
        Path config = Files.writeString(dir.resolve("node.yaml"), "settings:\n  metering-interval-seconds: 1\n");

        String id = lastLine(run(env, launcher.toString(), "id", "--data-dir", data.toString()));
        assertTrue(id.matches("ss[a-z2-7]{26}"), id);

        assertTrue(run(env, launcher.toString(), "--version").startsWith("smartshare-node "));
        // every bundled board file, and the operator guide's board by name
        List<String> check = new ArrayList<>(List.of(launcher.toString(), "board", "check", BOARD));
        try (Stream<Path> boards = Files.list(ROOT.resolve("board-configs"))) {
            boards.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(f -> check.add(f.toString()));
        }
        String checked = run(env, check.toArray(String[]::new));
        assertEquals(check.size() - 3, checked.lines().filter(l -> l.contains(": valid board '")).count(), checked);

        nodeLog = dir.resolve("node.log");
        int port = InProcessCoap.freePort();
        // the image as the operator guide runs it, on the Raspberry Pi's board: its hardware is absent here
        String board = target.image ? BOARD : "sim";
        Process node = start(env, launcher.toString(), "run", "--board", board, "--data-dir", data.toString(),
                "--config", config.toString(), "--coap-port", String.valueOf(port), "--coaps-port", "0");
        try {
            Map<String, Object> self = awaitAnswer(node, port, "node");
            assertEquals(id, self.get("id"), self.toString());
            assertEquals(board, self.get("board"), self.toString());
            Map<String, Object> health = get(port, "health");
            List<Map<String, Object>> components = JsonDocument.list(health, "components");
            assertTrue(components.size() >= 5, health.toString());
            if (target.image) {
                assertEquals("degraded", health.get("status"), health.toString());
                assertTrue(components.stream().anyMatch(c -> "gpio".equals(c.get("component"))
                        && "pi4j".equals(c.get("driver")) && "absent".equals(c.get("state")) && c.get("reason") != null),
                        "Pi4J runs and says the pins are absent: " + health);
                components.stream().filter(c -> !"absent".equals(c.get("state")))
                        .forEach(c -> assertEquals("up", c.get("state"), c.toString()));
            } else {
                assertEquals("up", health.get("status"), health.toString());
                components.forEach(c -> assertEquals("up", c.get("state"), c.toString()));
            }
            awaitLedgerSize(port, MIN_RECORDS);
        } finally {
            node.destroy();
            assertTrue(node.waitFor(60, TimeUnit.SECONDS), "the node did not stop on SIGTERM");
        }
        assertEquals(0, node.exitValue(), "exit code on SIGTERM");
        String verified = run(env, launcher.toString(), "ledger", "verify", "--data-dir", data.toString());
        Matcher accepted = ACCEPTED.matcher(verified);
        assertTrue(accepted.find() && Integer.parseInt(accepted.group(1)) >= MIN_RECORDS
                && Integer.parseInt(accepted.group(2)) >= 1, verified);
        System.out.printf("%s: node %s; %s%n", target, id, verified.strip());
    }

    private Process start(List<String> env, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(nodeLog.toFile());
        env.forEach(e -> builder.environment().put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1)));
        return builder.start();
    }

    /** Runs {@code command} to its end; fails the test unless it exits 0. Its output. */
    private String run(List<String> env, String... command) throws Exception {
        Path log = Files.createTempFile(dir, "command", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        env.forEach(e -> builder.environment().put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1)));
        Process p = builder.start();
        boolean ended = p.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(ended && p.exitValue() == 0, String.join(" ", command) + " failed:\n" + out);
        return out;
    }

    private static String lastLine(String out) {
        List<String> lines = out.strip().lines().toList();
        return lines.get(lines.size() - 1).strip();
    }

    /** GETs {@code path} with libcoap's client; the JSON object, or empty without an answer in 5 s. */
    private static Optional<Map<String, Object>> tryGet(int port, String path) throws Exception {
        CoapClientTool.Result result = CoapClientTool.run("coap-client-notls", 10, "-m", "get", "-B", "5",
                "coap://127.0.0.1:" + port + "/" + path);
        return result.exitCode() == 0 && result.text().startsWith("{") ? Optional.of(JsonDocument.object(result.text()))
                : Optional.empty();
    }

    private static Map<String, Object> get(int port, String path) throws Exception {
        return tryGet(port, path).orElseThrow(() -> new AssertionError("no answer to /" + path));
    }

    private static void awaitLedgerSize(int port, long size) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ANSWER_SECONDS);
        long seen = 0;
        while (System.nanoTime() < deadline) {
            seen = JsonDocument.number(JsonDocument.object(get(port, "metrics"), "ledger"), "size");
            if (seen >= size) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("the ledger holds " + seen + " records after " + ANSWER_SECONDS + " s");
    }

    private Map<String, Object> awaitAnswer(Process node, int port, String path) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ANSWER_SECONDS);
        while (System.nanoTime() < deadline) {
            if (!node.isAlive()) {
                throw new AssertionError("the node exited with " + node.exitValue() + ":\n" + Files.readString(nodeLog));
            }
            Optional<Map<String, Object>> answer = tryGet(port, path);
            if (answer.isPresent()) {
                return answer.get();
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("no answer to /" + path + " within " + ANSWER_SECONDS + " s");
    }

    /** The e_machine field of an ELF file: which CPU its code is for. */
    private static int elfMachine(Path file) throws IOException {
        try (RandomAccessFile elf = new RandomAccessFile(file.toFile(), "r")) {
            elf.seek(18);
            return elf.read() | elf.read() << 8;
        }
    }
}
