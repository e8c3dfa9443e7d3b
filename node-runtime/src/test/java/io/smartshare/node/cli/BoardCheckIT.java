package io.smartshare.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.node.testing.NodeProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code smartshare-node board check} as a vendor runs it: a board file with three mistakes in
 * different parts (a misspelt required key, a role that does not exist, a sensor address the
 * chip cannot have) gets all three in one run, a line each, and a bundled board by name beside
 * it is still checked and summarised.
 */
class BoardCheckIT {
    @TempDir
    Path dir;

    @Test
    void everyMistakeOfAFileIsReportedInOneRun() throws Exception {
        String pi = new String(BoardCheckIT.class.getResourceAsStream("/board-configs/raspberry-pi-4b.yaml").readAllBytes(),
                StandardCharsets.UTF_8);
        String broken = pi.replaceFirst("quota-mb:", "quota-mbb:").replaceFirst("role: wan", "role: uplink")
                .replaceFirst("address: 0x76", "address: 0x44");
        Path file = Files.writeString(dir.resolve("my-board.yaml"), broken);

        NodeProcess.Result result = NodeProcess.runToEnd(List.of("board", "check", file.toString(), "sim"));

        assertEquals(2, result.exitCode(), result.stderr());
        List<String> lines = result.stderr().lines().toList();
        assertEquals(3, lines.size(), result.stderr());
        assertTrue(lines.get(0).matches("smartshare-node: .*my-board.yaml:\\d+: interfaces\\[\\d\\]\\.role: expected one of"
                + " \\[lan, mesh, wan\\], found 'uplink'"), result.stderr());
        assertTrue(lines.get(1).matches("smartshare-node: .*my-board.yaml:\\d+: storage\\.quota-mbb: unknown key \\(did you"
                + " mean 'quota-mb'\\?\\)"), result.stderr());
        assertTrue(lines.get(2).matches("smartshare-node: .*my-board.yaml:\\d+: sensors\\[1\\]\\.address: bme280 answers at"
                + " 0x76 or 0x77, found 0x44"), result.stderr());
        assertTrue(result.stdout().contains("valid board 'sim'"), result.stdout());
    }
}
