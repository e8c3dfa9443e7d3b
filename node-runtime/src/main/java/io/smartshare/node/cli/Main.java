package io.smartshare.node.cli;

import io.smartshare.hal.config.ConfigException;
import io.smartshare.ledger.identity.IdentityException;
import io.smartshare.node.coap.CoapStartException;
import io.smartshare.node.daemon.StartupException;
import io.smartshare.node.daemon.Version;
import io.smartshare.node.lifecycle.ServiceStartException;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code smartshare-node}: the daemon and its operator commands.
 *
 * <p>Exit codes: 0 success; 1 the node could not start or a command failed (port in use,
 * unreadable data dir, damaged key, node not answering); 2 the command line or a config
 * or board file is wrong.
 */
public final class Main {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final String USAGE_TEXT = """
            usage: smartshare-node <command> [options]

            commands:
              run       run the node (the daemon)
              id        print the node id of a data dir (creating the identity on first use)
              status    print node, health and metrics of a running node
              board     check a board file
              ledger    show, verify or export a node's ledger
              sim       run N mesh nodes in this process over loopback and watch them
              rewards   settle an epoch from the members' ledgers; sign a reward schedule
              channel   open, pay, close and list payment channels of a running node
              uplink    show the uplink (WireGuard tunnels, peers, routes) of a running node
              storage   put, get, audit and delete encrypted files stored on other nodes
              compute   run WebAssembly jobs on other nodes, verified; list and show them
              beacon    verify a member's reward from the shard beacon's roots alone

            'smartshare-node <command> --help' describes a command's options;
            '--version', alone or as a command's only option, prints the version.
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            (args.length == 0 ? err : out).print(USAGE_TEXT);
            return args.length == 0 ? USAGE : OK;
        }
        if (args[0].equals("--version") || (args.length == 2 && args[1].equals("--version"))) {
            out.println("smartshare-node " + Version.current());
            return OK;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "run" -> RunCommand.run(rest, out);
                case "id" -> IdCommand.run(rest, out, err);
                case "status" -> StatusCommand.run(rest, out, err);
                case "sim" -> SimCommand.run(rest, out);
                case "board" -> BoardCommand.run(rest, out, err);
                case "ledger" -> LedgerCommand.run(rest, out, err);
                case "rewards" -> RewardsCommand.run(rest, out, err);
                case "channel" -> ChannelCommand.run(rest, out, err);
                case "uplink" -> UplinkCommand.run(rest, out, err);
                case "storage" -> StorageCommand.run(rest, out, err);
                case "compute" -> ComputeCommand.run(rest, out, err);
                case "beacon" -> BeaconCommand.run(rest, out, err);
                default -> throw new UsageException("unknown command '" + args[0] + "'\n" + USAGE_TEXT);
            };
        } catch (UsageException | ConfigException e) {
            err.println("smartshare-node: " + e.getMessage());
            return USAGE;
        } catch (StartupException | CoapStartException | IdentityException e) {
            err.println("smartshare-node: " + e.getMessage());
            return FAILED;
        } catch (ServiceStartException e) {
            err.println("smartshare-node: " + e.getMessage());
            return ServiceStartException.EXIT_CODE;
        }
    }
}
