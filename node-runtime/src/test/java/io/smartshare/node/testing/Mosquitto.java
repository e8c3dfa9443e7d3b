package io.smartshare.node.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code mosquitto} broker (Debian's 2.0.11; scripts/test installs it) on a loopback
 * port, started by a test with a config of its own in a directory of its own, as the test's
 * user (started as root it would otherwise drop to user {@code mosquitto}, who cannot read the
 * test's files): anonymous clients, persistence on (a persistent subscriber's session and its queued QoS 1 messages
 * survive a restart). {@link #subscribe} runs {@code mosquitto_sub} as a persistent QoS 1
 * subscriber (it reconnects by itself after the broker comes back) and collects {@code topic
 * payload} lines.
 */
public final class Mosquitto implements AutoCloseable {
    private final Path dir;
    private final int port;
    private Process broker;
    private final List<Process> subscribers = new ArrayList<>();

    private Mosquitto(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** A free loopback TCP port for a broker that is not started yet. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A broker that will listen on {@code port}, configured in {@code dir}; not started. */
    public static Mosquitto on(Path dir, int port) throws IOException {
        return on(dir, port, "allow_anonymous true\n");
    }

    /**
     * As {@link #on(Path, int)} with {@code config} (lines of mosquitto.conf: who may connect,
     * the listener's TLS files) instead of allowing anonymous clients.
     */
    public static Mosquitto on(Path dir, int port, String config) throws IOException {
        Mosquitto m = new Mosquitto(Files.createDirectories(dir), port);
        Files.writeString(dir.resolve("mosquitto.conf"), """
                persistence true
                persistence_location %s/
                log_dest stderr
                user %s
                listener %d 127.0.0.1
                """.formatted(dir, System.getProperty("user.name"), port) + config);
        return m;
    }

    public int port() {
        return port;
    }

    /** Starts the broker and waits until it accepts connections. */
    public Mosquitto start() throws IOException, InterruptedException {
        String binary = Files.isExecutable(Path.of("/usr/sbin/mosquitto")) ? "/usr/sbin/mosquitto" : "mosquitto";
        broker = new ProcessBuilder(binary, "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log")
                        .toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return this;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("mosquitto did not listen on " + port + ": " + Files.readString(
                dir.resolve("broker.log")));
    }

    /** Stops the broker (SIGTERM: it saves its persistent sessions). */
    public void stop() throws InterruptedException {
        if (broker != null && broker.isAlive()) {
            broker.destroy();
            broker.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * A persistent QoS 1 subscriber named {@code clientId} to {@code filter}, with further
     * mosquitto_sub {@code options} (TLS files, credentials); its lines, as they come.
     */
    public List<String> subscribe(String clientId, String filter, String... options) throws IOException,
            InterruptedException {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        List<String> command = new ArrayList<>(List.of("mosquitto_sub", "-h", "127.0.0.1", "-p", String.valueOf(port),
                "-t", filter, "-v", "-q", "1", "-c", "-i", clientId));
        command.addAll(List.of(options));
        Process sub = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(
                dir.resolve(clientId + ".err").toFile())).start();
        subscribers.add(sub);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(sub.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(reader stopped: " + e + ")");
            }
        }, "mosquitto-sub-" + clientId);
        reader.setDaemon(true);
        reader.start();
        Thread.sleep(300); // subscribed before anything is published
        return lines;
    }

    @Override
    public void close() throws InterruptedException {
        for (Process sub : subscribers) {
            sub.destroyForcibly().waitFor();
        }
        stop();
    }
}
