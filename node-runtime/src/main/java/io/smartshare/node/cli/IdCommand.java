package io.smartshare.node.cli;

import io.smartshare.hal.board.BoardFiles;
import io.smartshare.ledger.identity.KeyFile;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.daemon.DataDir;
import io.smartshare.node.daemon.Node;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** {@code smartshare-node id}: prints the node id of a data dir. */
final class IdCommand {
    static final String HELP = """
            usage: smartshare-node id [--data-dir DIR] [--board NAME|FILE]

            Prints the node id kept in DIR (default: the board's data dir). If DIR has no
            identity yet, one is created, as the node would on its first start, and that
            is said on stderr. A damaged key file is reported, never replaced.
            """;

    private IdCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Args parsed = Args.parse("id", args, Set.of("data-dir", "board"), Set.of("help"));
        if (parsed.flag("help")) {
            out.print(HELP);
            return Main.OK;
        }
        parsed.operands(0);
        Path dir = parsed.option("data-dir").map(Path::of)
                .orElseGet(() -> Path.of(BoardFiles.resolve(parsed.option("board").orElse("sim")).defaultDataDir()));
        Path keyFile = dir.resolve(Node.KEY_FILE);
        if (Files.exists(keyFile)) {
            // Only reads: works while the node runs and holds the data dir.
            out.println(KeyFile.load(keyFile).nodeId().value());
            return Main.OK;
        }
        try (DataDir dataDir = DataDir.open(dir)) {
            NodeIdentity identity = Node.loadIdentity(dataDir);
            err.println("created a new identity in " + dataDir.resolve(Node.KEY_FILE));
            out.println(identity.nodeId().value());
        } catch (IOException e) {
            err.println("smartshare-node id: " + e.getMessage());
            return Main.FAILED;
        }
        return Main.OK;
    }
}
