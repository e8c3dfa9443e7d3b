package io.smartshare.node.cli;

import io.smartshare.hal.board.BoardFiles;
import io.smartshare.hal.board.BoardSpec;
import io.smartshare.hal.board.SensorSpec;
import java.io.PrintStream;
import java.util.Set;

/** {@code smartshare-node board check NAME|FILE}: validates a board (bundled or a file) without starting anything. */
final class BoardCommand {
    static final String HELP = """
            usage: smartshare-node board check NAME|FILE

            Validates a board file (board-configs/SCHEMA.md), or a board bundled in the jar by
            name, as --board of 'run' takes it, and prints a summary of what it declares. Every
            error names the file, the line and the key; exit code 2 if the file is wrong, 0 if
            it is valid.
            """;

    private BoardCommand() {
    }

    static int run(String[] args, PrintStream out) {
        Args parsed = Args.parse("board", args, Set.of(), Set.of("help"));
        if (parsed.flag("help")) {
            out.print(HELP);
            return Main.OK;
        }
        var operands = parsed.operands(2);
        if (operands.size() != 2 || !operands.get(0).equals("check")) {
            throw new UsageException("expected 'board check NAME|FILE'; see smartshare-node board --help");
        }
        BoardSpec spec = BoardFiles.resolve(operands.get(1));
        out.printf("%s: valid board '%s' (%s)%n", spec.source(), spec.name(), spec.description());
        out.printf("  platform %s, data dir %s%n", spec.platform().name().toLowerCase(java.util.Locale.ROOT),
                spec.defaultDataDir());
        out.printf("  interfaces %s%n", spec.interfaces().stream().map(link -> link.name()).toList());
        out.printf("  sensors %s%n", spec.sensors().stream().map(SensorSpec::id).toList());
        out.printf("  pins %d, ble %s%n", spec.pins().size(), spec.radios().ble().isPresent() ? "yes" : "no");
        return Main.OK;
    }
}
