package io.smartshare.node.config;

import io.smartshare.hal.config.ConfigMap;
import io.smartshare.ledger.storage.DurableFile;
import io.smartshare.node.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The node's current {@link NodeSettings}, and their durable copy in
 * {@code <data-dir>/settings.json}. A stored copy (written by an accepted {@code /config}
 * write) takes precedence over the operator file's {@code settings:} section.
 *
 * <p>Writes are atomic and durable ({@link DurableFile}): a crash leaves either the old or the new settings.
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
        DurableFile.replace(file, (Json.write(settings.toDocument()) + "\n").getBytes(StandardCharsets.UTF_8));
        current.set(settings);
    }
}
