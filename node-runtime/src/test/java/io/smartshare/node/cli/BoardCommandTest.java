package io.smartshare.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.hal.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code board check} takes what {@code run --board} takes: a bundled board's name or a file. */
class BoardCommandTest {
    @TempDir
    Path dir;

    @Test
    void aBundledBoardIsCheckedByName() {
        String out = check("raspberry-pi-4b");
        assertTrue(out.contains("valid board 'raspberry-pi-4b'"), out);
    }

    @Test
    void aBoardFileIsCheckedByPath() throws Exception {
        Path file = dir.resolve("my-board.yaml");
        Files.writeString(file, new String(BoardCommandTest.class.getResourceAsStream("/board-configs/sim.yaml")
                .readAllBytes(), StandardCharsets.UTF_8));
        String out = check(file.toString());
        assertTrue(out.startsWith(file + ": valid board 'sim'"), out);
    }

    @Test
    void anUnknownNameListsTheBundledBoards() {
        ConfigException e = assertThrows(ConfigException.class, () -> check("raspberry-pi-9"));
        assertTrue(e.getMessage().contains("known boards: ") && e.getMessage().contains("raspberry-pi-4b"),
                e.getMessage());
    }

    private static String check(String board) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertEquals(Main.OK, BoardCommand.run(new String[] {"check", board}, new PrintStream(bytes, true,
                StandardCharsets.UTF_8)));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
