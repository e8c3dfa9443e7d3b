package io.smartshare.node.config;

import io.smartshare.hal.config.ConfigMap;
import io.smartshare.node.coap.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The node's current {@link NodeSettings}, and their durable copy in
 * {@code <data-dir>/settings.json}. A stored copy (written by an accepted {@code /config}
 * write) takes precedence over the operator file's {@code settings:} section.
 *
 * <p>Writes are atomic: a temporary file is written and synced, renamed over the old one,
 * and the directory is synced; a crash leaves either the old or the new settings.
 */
public final class SettingsStore {
    static final String FILE_NAME = "settings.json";

    private final Path file;
    private final AtomicReference<NodeSettings> current;

    private SettingsStore(Path file, NodeSettings initial) {
        this.file = file;
        this.current = new AtomicReference<>(initial);
    }

    /** Opens the store in {@code dataDir}, starting from the stored copy if there is one. */
    public static SettingsStore open(Path dataDir, NodeSettings configured) {
        Path file = dataDir.resolve(FILE_NAME);
        NodeSettings initial = Files.exists(file) ? NodeSettings.read(ConfigMap.load(file), configured) : configured;
        return new SettingsStore(file, initial);
    }

    public NodeSettings current() {
        return current.get();
    }

    /** Stores {@code settings} durably, then makes them current. */
    public synchronized void replace(NodeSettings settings) throws IOException {
        Path temp = file.resolveSibling(FILE_NAME + ".tmp");
        byte[] bytes = (Json.write(settings.toDocument()) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
        current.set(settings);
    }
}
