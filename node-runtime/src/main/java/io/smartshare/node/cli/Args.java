package io.smartshare.node.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The options and operands of one subcommand: {@code --name value}, {@code --name=value},
 * {@code --flag}, and plain operands. Only the options a command declares are accepted.
 */
final class Args {
    private final String command;
    private final Map<String, String> options;
    private final Set<String> flags;
    private final List<String> operands;

    private Args(String command, Map<String, String> options, Set<String> flags, List<String> operands) {
        this.command = command;
        this.options = options;
        this.flags = flags;
        this.operands = operands;
    }

    /**
     * Parses {@code args} of {@code command}, which takes the options in {@code valued}
     * (each followed by a value) and the flags in {@code flagNames}.
     */
    static Args parse(String command, String[] args, Set<String> valued, Set<String> flagNames) {
        Map<String, String> options = new HashMap<>();
        java.util.HashSet<String> flags = new java.util.HashSet<>();
        List<String> operands = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                operands.add(arg);
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            if (flagNames.contains(name) && eq < 0) {
                flags.add(name);
            } else if (valued.contains(name)) {
                String value;
                if (eq >= 0) {
                    value = arg.substring(eq + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new UsageException("option --" + name + " of '" + command + "' needs a value");
                }
                if (options.put(name, value) != null) {
                    throw new UsageException("option --" + name + " of '" + command + "' given twice");
                }
            } else {
                throw new UsageException("unknown option " + arg + " for '" + command
                        + "'; see smartshare-node " + command + " --help");
            }
        }
        return new Args(command, options, Set.copyOf(flags), List.copyOf(operands));
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /** An integer option within {@code [min, max]}. */
    Optional<Integer> intOption(String name, int min, int max) {
        return option(name).map(text -> {
            int value;
            try {
                value = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new UsageException("option --" + name + " of '" + command + "': expected a number, found '" + text + "'");
            }
            if (value < min || value > max) {
                throw new UsageException("option --" + name + " of '" + command + "': expected " + min + " to " + max
                        + ", found " + value);
            }
            return value;
        });
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    /** The operands, checked to number at most {@code max}. */
    List<String> operands(int max) {
        if (operands.size() > max) {
            throw new UsageException("'" + command + "' takes at most " + max + " operand(s), found " + operands);
        }
        return operands;
    }
}
