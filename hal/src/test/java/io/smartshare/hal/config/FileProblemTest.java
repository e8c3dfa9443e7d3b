package io.smartshare.hal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileProblemTest {
    @TempDir
    Path dir;

    @Test
    void namesTheFileAndWhatWentWrongInWords() {
        Path absent = dir.resolve("shard.cose");
        IOException missing = assertThrows(NoSuchFileException.class,
                () -> Files.readAllBytes(absent));
        assertEquals(absent + ": no such file", FileProblem.describe(missing));
        assertEquals("/etc/x: permission denied", FileProblem.describe(new AccessDeniedException("/etc/x")));
        assertEquals("/a: Read-only file system", FileProblem.describe(new FileSystemException("/a", null,
                "Read-only file system")));
        assertEquals("disk on fire", FileProblem.describe(new IOException("disk on fire")));
        assertEquals("java.io.IOException", FileProblem.describe(new IOException()));
    }
}
