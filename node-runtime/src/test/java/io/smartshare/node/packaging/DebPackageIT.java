package io.smartshare.node.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.node.testing.CoapClientTool;
import io.smartshare.node.testing.InProcessCoap;
import io.smartshare.node.testing.JsonDocument;
import io.smartshare.node.testing.NetnsScripts;
import io.smartshare.node.testing.NodeLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb that {@code mvn package} builds, installed on this machine with dpkg as the
 * operator guide says (docs/operator-guide.md, "Install"): its files, user, modes and unit;
 * the node started as the unit starts it, as the {@code smartshare} user, answering {@code
 * /node}; an upgrade to a rebuilt package of a higher version keeping the node's identity;
 * remove keeping the data; purge keeping only the identity key; the liveness check killing
 * a node that hangs (its unit then restarts it); and the unit's offline
 * security exposure at or below 3.0. Needs root (dpkg, a system user); skipped without it.
 * Leaves the machine as it found it (the package purged, the user and the data removed).
 */
class DebPackageIT {
    private static final Path DATA = Path.of("/var/lib/smartshare");
    private static final Path UNIT = Path.of("/lib/systemd/system/smartshare-node.service");
    private static final String LIVENESS = "/usr/share/smartshare-node/bin/liveness";
    private static final Pattern EXPOSURE = Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d+)");

    @TempDir
    Path dir;

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), String.join(" ", command));
        assertEquals(0, p.exitValue(), String.join(" ", command) + "\n" + out);
        return out;
    }

    private static Path deb() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("smartshare.debDir")))) {
            return files.filter(f -> f.getFileName().toString().matches("smartshare-node_.*_all\\.deb")).findFirst()
                    .orElseThrow(() -> new AssertionError("mvn package built no .deb"));
        }
    }

    /**
     * Starts the installed node as its unit does: ExecStart of the installed unit, with the
     * variables of its EnvironmentFile and Environment lines, as the unit's user.
     */
    private static Process startAsTheUnitDoes() throws IOException, InterruptedException {
        List<String> unit = Files.readAllLines(UNIT);
        // systemd makes the unit's RuntimeDirectory (under /run, owned by its user) before ExecStart.
        unit.stream().filter(l -> l.startsWith("RuntimeDirectory=")).forEach(l -> {
            try {
                run("install", "-d", "-o", user(unit), "-m", "0755", "/run/" + l.substring(17));
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        String exec = unit.stream().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow().substring(10);
        List<String> env = new ArrayList<>(List.of("env", "-i", "PATH=/usr/bin:/bin"));
        unit.stream().filter(l -> l.startsWith("Environment=")).forEach(l -> env.add(l.substring(12)));
        List<String> command = new ArrayList<>(List.of("runuser", "-u", user(unit), "--"));
        command.addAll(env);
        command.addAll(List.of("/bin/sh", "-c", "set -a; . /etc/default/smartshare-node; set +a; exec " + exec));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(Files.createTempFile("deb-node",
                ".log").toFile()).start();
    }

    private static String user(List<String> unit) {
        return unit.stream().filter(l -> l.startsWith("User=")).findFirst().orElseThrow().substring(5);
    }

    private static Map<String, Object> awaitNode(int port) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        CoapClientTool.Result last = null;
        while (System.nanoTime() < deadline) {
            last = CoapClientTool.run(NodeLine.CLIENT, 5, "-m", "get", "coap://127.0.0.1:" + port + "/node");
            if (last.exitCode() == 0 && last.text().startsWith("{")) {
                return JsonDocument.object(last.text());
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the installed node did not answer /node within 60 s: " + last);
    }

    /**
     * The installed liveness check (run by its timer as root) leaves a running node alone and
     * kills one that hangs (here: stopped with SIGSTOP), as its unit's Restart=always then
     * restarts it; with a limit of 3 s instead of 90 s.
     */
    private static void livenessCheckRestartsTheNodeWhenItHangs(Process node) throws Exception {
        Path alive = Path.of(environment(Files.readAllLines(UNIT)).get("SMARTSHARE_ALIVE_FILE"));
        long java = Long.parseLong(run("pgrep", "-u", "smartshare", "-x", "java").trim());
        FileTime first = awaitFile(alive);
        long touched = System.nanoTime() + 30_000_000_000L;
        while (Files.getLastModifiedTime(alive).equals(first)) {
            assertTrue(System.nanoTime() < touched, "the node touched " + alive + " once, not again within 30 s");
            Thread.sleep(200);
        }
        String check = "SMARTSHARE_LIVENESS_SECONDS=3 SMARTSHARE_LIVENESS_ACTION='kill -KILL " + java + "' " + LIVENESS;
        assertEquals("", run("sh", "-c", check).trim(), "a node that touches its file is left alone");
        assertTrue(node.isAlive());
        run("kill", "-STOP", Long.toString(java));
        Thread.sleep(4_500);
        String out = run("sh", "-c", check);
        assertTrue(out.contains("the node hangs; restarting it"), out);
        // runuser stopped itself when its child was stopped (job control) and reaps the killed
        // node only once continued; the node itself stays stopped unless the check killed it.
        run("kill", "-CONT", Long.toString(node.pid()));
        assertTrue(node.waitFor(10, TimeUnit.SECONDS), "the check killed the hung node");
        assertFalse(ProcessHandle.of(java).isPresent());
    }

    private static FileTime awaitFile(Path file) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!Files.exists(file)) {
            assertTrue(System.nanoTime() < deadline, file + " did not appear within 30 s");
            Thread.sleep(200);
        }
        return Files.getLastModifiedTime(file);
    }

    /** The variables of the unit's Environment= lines. */
    private static Map<String, String> environment(List<String> unit) {
        Map<String, String> variables = new java.util.HashMap<>();
        unit.stream().filter(l -> l.startsWith("Environment=")).map(l -> l.substring(12))
                .forEach(v -> variables.put(v.substring(0, v.indexOf('=')), v.substring(v.indexOf('=') + 1)));
        return variables;
    }

    private static void stop(Process node) throws InterruptedException {
        node.destroy();
        assertTrue(node.waitFor(30, TimeUnit.SECONDS), "SIGTERM stops the installed node");
    }

    @Test
    void installStartUpgradeRemoveAndPurgeAsTheOperatorGuideSays() throws Exception {
        Assumptions.assumeTrue(NetnsScripts.isRoot(), "installing a .deb needs root");
        Path deb = deb();
        try {
            run("dpkg", "-i", deb.toString());
            assertEquals("../share/smartshare-node/bin/smartshare-node",
                    Files.readSymbolicLink(Path.of("/usr/bin/smartshare-node")).toString());
            assertTrue(Files.isRegularFile(Path.of("/usr/share/smartshare-node/smartshare-node.jar")));
            assertTrue(Files.isRegularFile(Path.of("/usr/share/doc/smartshare-node/copyright")));
            assertTrue(Files.isExecutable(Path.of(LIVENESS))
                    && Files.isRegularFile(UNIT.resolveSibling("smartshare-node-liveness.timer")));
            PosixFileAttributes config = Files.readAttributes(Path.of("/etc/smartshare/node.yaml"),
                    PosixFileAttributes.class);
            assertEquals("rw-r-----", PosixFilePermissions.toString(config.permissions()));
            assertEquals("smartshare", config.group().getName());
            PosixFileAttributes data = Files.readAttributes(DATA, PosixFileAttributes.class);
            assertEquals("rwx------", PosixFilePermissions.toString(data.permissions()));
            assertEquals("smartshare", data.owner().getName());

            String security = run("systemd-analyze", "security", "--offline=true", UNIT.toString());
            Matcher exposure = EXPOSURE.matcher(security);
            assertTrue(exposure.find(), security);
            System.out.println("BENCH unit-exposure ours=" + exposure.group(1) + " budget=<=3.0 (systemd-analyze"
                    + " security --offline=true " + UNIT + ")");
            assertTrue(Double.parseDouble(exposure.group(1)) <= 3.0, exposure.group());

            int port = InProcessCoap.freePort();
            Files.writeString(Path.of("/etc/default/smartshare-node"), "SMARTSHARE_BOARD=sim\nSMARTSHARE_OPTS=\"--coap-port "
                    + port + " --coaps-port 0\"\n");
            Process node = startAsTheUnitDoes();
            String id = (String) awaitNode(port).get("id");
            livenessCheckRestartsTheNodeWhenItHangs(node);

            Path unpacked = dir.resolve("unpacked");
            run("dpkg-deb", "-R", deb.toString(), unpacked.toString());
            Path control = unpacked.resolve("DEBIAN").resolve("control");
            String version = run("dpkg-query", "-W", "-f=${Version}", "smartshare-node").trim();
            Files.writeString(control, Files.readString(control).replace("Version: " + version,
                    "Version: " + version + "+upgrade"));
            Path upgrade = dir.resolve("smartshare-node_upgrade_all.deb");
            run("dpkg-deb", "--root-owner-group", "-b", unpacked.toString(), upgrade.toString());
            run("dpkg", "-i", "--force-confold", upgrade.toString());
            assertEquals(version + "+upgrade", run("dpkg-query", "-W", "-f=${Version}", "smartshare-node").trim());
            assertTrue(Files.readString(Path.of("/etc/default/smartshare-node")).contains("--coap-port " + port),
                    "the operator's edits to a conffile survive the upgrade");
            node = startAsTheUnitDoes();
            assertEquals(id, awaitNode(port).get("id"), "the upgraded node is the same node");
            stop(node);

            run("dpkg", "-r", "smartshare-node");
            assertFalse(Files.exists(Path.of("/usr/bin/smartshare-node")));
            assertTrue(Files.exists(DATA.resolve("node.key")) && Files.isDirectory(DATA.resolve("ledger")),
                    "remove keeps the data");
            run("dpkg", "-P", "smartshare-node");
            assertTrue(Files.exists(DATA.resolve("node.key")), "purge keeps the identity rewards are paid to");
            assertFalse(Files.exists(DATA.resolve("ledger")) || Files.exists(Path.of("/etc/smartshare")),
                    "purge removes the rest");
        } finally {
            new ProcessBuilder("pkill", "-KILL", "-u", "smartshare").start().waitFor();
            new ProcessBuilder("dpkg", "-P", "smartshare-node").inheritIO().start().waitFor();
            new ProcessBuilder("rm", "-rf", DATA.toString(), "/var/cache/smartshare-node", "/run/smartshare-node").start()
                    .waitFor();
            new ProcessBuilder("deluser", "--system", "smartshare").start().waitFor();
            new ProcessBuilder("delgroup", "--system", "smartshare").start().waitFor();
        }
    }
}
