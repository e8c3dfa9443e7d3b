package io.smartshare.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.hal.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
    @TempDir
    Path dir;

    @Test
    void storedSettingsOverrideTheConfiguredOnesAfterReopening() throws Exception {
        SettingsStore store = SettingsStore.open(dir, NodeSettings.defaults());
        NodeSettings changed = new NodeSettings("attic", 5, 30, false, true, false);
        store.replace(changed);
        assertEquals(changed, store.current());
        assertEquals(changed, SettingsStore.open(dir, NodeSettings.defaults()).current());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void damagedStoredSettingsAreReportedWithTheFileName() throws Exception {
        Files.writeString(dir.resolve(SettingsStore.FILE_NAME), "{\"label\": [1,2]}");
        ConfigException error = assertThrows(ConfigException.class,
                () -> SettingsStore.open(dir, NodeSettings.defaults()));
        assertTrue(error.getMessage().startsWith(dir.resolve(SettingsStore.FILE_NAME) + ":1: label:"),
                error.getMessage());
    }
}
