package io.smartshare.node.daemon;

import io.smartshare.node.coap.NodeCoapServer;
import io.smartshare.node.scheduling.NodeScheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's liveness beat: every {@link #PERIOD} the node's timer hands a task to its worker
 * thread, which asks the CoAP server's protocol stage to run one; when all three ran, the
 * file named by {@code SMARTSHARE_ALIVE_FILE} gets a new modification time. A node that hangs
 * (a deadlock, a stuck thread, a JVM spending itself in GC) stops touching it, and a check
 * outside the JVM that finds it stale restarts the node (packaging/smartshare-node-liveness,
 * run by a systemd timer; docs/operator-guide.md, "Liveness"). Without the variable, nothing.
 */
final class AliveFile {
    static final String VARIABLE = "SMARTSHARE_ALIVE_FILE";
    static final Duration PERIOD = Duration.ofSeconds(10);
    private static final Duration ANSWER = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(AliveFile.class);

    private AliveFile() {
    }

    /** Starts the beat if the environment names a file; the file is touched once at once. */
    static void start(Optional<String> file, NodeScheduler scheduler, NodeCoapServer coap) {
        if (file.isEmpty() || file.get().isBlank()) {
            return;
        }
        Path path = Path.of(file.get());
        touch(path);
        scheduler.everyBlocking("alive-file", () -> PERIOD, () -> {
            try {
                if (coap.answers(ANSWER)) {
                    touch(path);
                } else {
                    LOG.warn("event=alive-beat-missed reason=\"the CoAP protocol stage ran no task in {} s\"",
                            ANSWER.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        LOG.info("event=alive-file file={} period-s={}", path, PERIOD.toSeconds());
    }

    private static void touch(Path path) {
        try {
            if (!Files.exists(path)) {
                Files.createFile(path);
            }
            Files.setLastModifiedTime(path, FileTime.from(Instant.now()));
        } catch (IOException e) {
            throw new UncheckedIOException("alive file " + path + ": " + e.getMessage(), e);
        }
    }
}
