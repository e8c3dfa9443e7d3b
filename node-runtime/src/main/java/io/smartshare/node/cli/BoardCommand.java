package io.smartshare.node.cli;

import io.smartshare.hal.board.BoardFiles;
import io.smartshare.hal.board.BoardSpec;
import io.smartshare.hal.board.SensorSpec;
import io.smartshare.hal.config.ConfigException;
import java.io.PrintStream;
import java.util.Set;

/** {@code smartshare-node board check NAME|FILE...}: validates boards (bundled or files) without starting anything. */
final class BoardCommand {
    static final String HELP = """
            usage: smartshare-node board check NAME|FILE...

            Validates board files (board-configs/SCHEMA.md), or boards bundled in the jar by
            name, as --board of 'run' takes them, and prints a summary of what each declares.
            Every wrong part of a board is reported in the same run, a line each naming
            the file, the line and the key; exit code 2 if any board is wrong, 0 if all
            are valid.
            """;

    private BoardCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Args parsed = Args.parse("board", args, Set.of(), Set.of("help"));
        if (parsed.flag("help")) {
            out.print(HELP);
            return Main.OK;
        }
        var operands = parsed.operands(Integer.MAX_VALUE);
        if (operands.size() < 2 || !operands.get(0).equals("check")) {
            throw new UsageException("expected 'board check NAME|FILE...'; see smartshare-node board --help");
        }
        int exit = Main.OK;
        for (String board : operands.subList(1, operands.size())) {
            try {
                describe(BoardFiles.resolve(board), out);
            } catch (ConfigException e) {
                e.getMessage().lines().forEach(line -> err.println("smartshare-node: " + line));
                exit = Main.USAGE;
            }
        }
        return exit;
    }

    private static void describe(BoardSpec spec, PrintStream out) {
        out.printf("%s: valid board '%s' (%s)%n", spec.source(), spec.name(), spec.description());
        out.printf("  platform %s, data dir %s%n", spec.platform().name().toLowerCase(java.util.Locale.ROOT),
                spec.defaultDataDir());
        out.printf("  interfaces %s%n", spec.interfaces().stream().map(link -> link.name()).toList());
        out.printf("  sensors %s%n", spec.sensors().stream().map(SensorSpec::id).toList());
        out.printf("  pins %d, ble %s%n", spec.pins().size(), spec.radios().ble().isPresent() ? "yes" : "no");
    }
}
