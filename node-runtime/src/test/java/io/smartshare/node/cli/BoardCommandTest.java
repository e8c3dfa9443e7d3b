package io.smartshare.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        String err = checkFails("raspberry-pi-9");
        assertTrue(err.contains("known boards: ") && err.contains("raspberry-pi-4b"), err);
    }

    @Test
    void severalBoardsAreCheckedInOneRunAndAWrongOneFailsIt() {
        assertTrue(check("sim", "raspberry-pi-5").contains("valid board 'raspberry-pi-5'"));
        String err = checkFails("sim", "raspberry-pi-9", "raspberry-pi-5");
        assertEquals(1, err.lines().count(), err);
    }

    private static String check(String... boards) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(Main.OK, BoardCommand.run(arguments(boards), print(out), print(err)), err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Runs the check expecting exit 2; what it printed as errors. */
    private static String checkFails(String... boards) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(Main.USAGE, BoardCommand.run(arguments(boards), print(out), print(err)));
        return err.toString(StandardCharsets.UTF_8);
    }

    private static String[] arguments(String... boards) {
        String[] args = new String[boards.length + 1];
        args[0] = "check";
        System.arraycopy(boards, 0, args, 1, boards.length);
        return args;
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
