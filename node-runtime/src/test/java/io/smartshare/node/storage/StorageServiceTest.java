package io.smartshare.node.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.hal.board.BoardFiles;
import io.smartshare.hal.board.BoardSpec;
import io.smartshare.hal.config.ConfigException;
import io.smartshare.hal.config.ConfigMap;
import io.smartshare.node.lifecycle.Activation;
import io.smartshare.node.lifecycle.CoapRequests;
import io.smartshare.node.lifecycle.RunOptions;
import io.smartshare.node.lifecycle.ServiceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage service's configuration: the board's shared directory and quota. */
class StorageServiceTest {
    @TempDir
    Path dir;

    private static Activation configure(Path shared) throws Exception {
        String sim = Files.readString(Path.of("..", "board-configs", "sim.yaml"));
        assertTrue(sim.contains("  path: storage\n"), sim);
        return configure(BoardFiles.parse("disk.yaml", sim.replace("  path: storage\n", "  path: " + shared + "\n")),
                "{}");
    }

    private static Activation configure(BoardSpec board, String section) {
        RunOptions options = new RunOptions("sim", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), Optional.empty());
        return new StorageService().configure(new ServiceConfig(ConfigMap.parse("node.yaml", section), board, options,
                new CoapRequests()));
    }

    @Test
    void aDiskThatIsNotMountedTurnsTheServiceOffAndIsNotCreated() throws Exception {
        Path absent = dir.resolve("mnt/share");
        Activation activation = configure(absent);
        assertFalse(activation.runs());
        assertEquals("the board's shared directory " + absent + " does not exist (disk not mounted?); restart the node"
                + " once it is", activation.reason());
        assertFalse(Files.exists(absent), "holding contents there would fill the root file system");
    }

    @Test
    void aMountedDiskIsShared() throws Exception {
        assertTrue(configure(Files.createDirectories(dir.resolve("mnt/share"))).runs());
    }

    @Test
    void theOperatorsQuotaIsInMibAsTheBoardsAndAtMostTheBoards() {
        BoardSpec sim = BoardFiles.resolve("sim"); // quota-mb: 256
        assertTrue(configure(sim, "quota-mb: 256").runs());
        ConfigException over = assertThrows(ConfigException.class, () -> configure(sim, "quota-mb: 257"));
        assertTrue(over.getMessage().contains("quota-mb"), over.getMessage());
    }
}
