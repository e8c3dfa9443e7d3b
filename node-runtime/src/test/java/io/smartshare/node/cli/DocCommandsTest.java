package io.smartshare.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.node.testing.DocBlocks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The docs cannot drift from the program: every {@code smartshare-node} command shown in a
 * fenced block or a code span of the README, of any page in docs/ (the operator and vendor guides among them)
 * and of board-configs/SCHEMA.md names a command that
 * exists, a subcommand its help lists, and only options its help lists ({@code --help} run
 * through the real command line). DocCommandsIT runs the commands the README and the guides show.
 */
class DocCommandsTest {
    private static final Pattern PROGRAM = Pattern.compile("^(?:\\$ )?(?:sudo |runuser -u \\S+ -- )?(?:[\\w.-]*/)*smartshare-node(?= |$)");
    private static final Pattern INLINE = Pattern.compile("`([^`]+)`");
    private static final Pattern OPTION = Pattern.compile("(?<=^| )(--[a-z][a-z0-9-]*)");
    private static final Set<String> EVERYWHERE = Set.of("--help", "--version");

    @Test
    void everyDocumentedCommandAndOptionExists() throws IOException {
        Map<String, String> shown = commands();
        assertTrue(shown.size() >= 40, "the docs show commands: " + shown.size());
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> e : shown.entrySet()) {
            check(e.getKey(), e.getValue(), wrong);
        }
        assertEquals(List.of(), wrong, "commands in the docs that the program does not take");
    }

    @Test
    void everyCoapToolShownIsOneLibcoapInstalls() throws IOException {
        // Debian's libcoap3-bin installs coap-client-notls, -openssl and -gnutls (and the same
        // for coap-server and coap-rd), never a bare coap-client
        Pattern bare = Pattern.compile("(?<![\\w-])coap-(client|server|rd)(?![\\w-])");
        List<String> wrong = new ArrayList<>();
        commands(true).forEach((line, where) -> {
            if (bare.matcher(line).find()) {
                wrong.add(where + ": " + line);
            }
        });
        assertEquals(List.of(), wrong, "commands naming a libcoap tool Debian does not install");
    }

    /** Every documented invocation of the node (continuation lines joined, comments cut) and where it is. */
    private static Map<String, String> commands() throws IOException {
        return commands(false);
    }

    /**
     * With {@code everyLine}, every line of every fenced block; else the node's invocations in
     * fenced blocks and code spans, without the program's name.
     */
    private static Map<String, String> commands(boolean everyLine) throws IOException {
        List<String> docs = new ArrayList<>(List.of("README.md", "board-configs/SCHEMA.md"));
        try (var pages = Files.list(DocBlocks.root().resolve("docs"))) {
            pages.map(p -> "docs/" + p.getFileName()).filter(p -> p.endsWith(".md")).sorted().forEach(docs::add);
        }
        Map<String, String> commands = new LinkedHashMap<>();
        for (String doc : docs) {
            for (DocBlocks.Block block : DocBlocks.blocks(doc)) {
                for (DocBlocks.Line line : block.lines()) {
                    if (everyLine) {
                        commands.putIfAbsent(line.text(), line.where());
                    } else {
                        add(line.text().replaceAll("\\s+#.*$", ""), line.where(), commands);
                    }
                }
            }
            Matcher span = INLINE.matcher(DocBlocks.prose(doc));
            while (!everyLine && span.find()) {
                add(span.group(1).replaceAll("\\s+", " "), doc + " (in the text)", commands);
            }
        }
        return commands;
    }

    private static void add(String text, String where, Map<String, String> commands) {
        Matcher program = PROGRAM.matcher(text.strip());
        if (program.find()) {
            commands.putIfAbsent(text.strip().substring(program.end()).strip(), where);
        }
    }

    private static void check(String command, String where, List<String> wrong) {
        String[] words = command.split("\\s+");
        if (command.isEmpty() || words[0].startsWith("--")) {
            if (!command.isEmpty() && !EVERYWHERE.contains(words[0])) {
                wrong.add(where + ": '" + command + "': no command");
            }
            return;
        }
        if (words[0].matches("[A-Z]+")) {
            return; // a placeholder: "smartshare-node COMMAND --version"
        }
        String help = help(words[0]);
        if (help == null) {
            wrong.add(where + ": '" + command + "': no command '" + words[0] + "'");
            return;
        }
        if (words.length > 1 && words[1].matches("[a-z][a-z-]*")) {
            String own = help(words[0], words[1]); // a subcommand with help of its own
            help = own == null ? help : help + own;
        }
        if (words.length > 1 && words[1].matches("[a-z][a-z-]*") && !help.contains(" " + words[1] + " ")
                && !help.contains(" " + words[1] + "\n")) {
            wrong.add(where + ": '" + command + "': '" + words[0] + " --help' lists no '" + words[1] + "'");
        }
        Matcher option = OPTION.matcher(command);
        while (option.find()) {
            String name = option.group(1);
            if (!EVERYWHERE.contains(name) && !Pattern.compile("(?<![a-z-])" + Pattern.quote(name) + "(?![a-z-])")
                    .matcher(help).find()) {
                wrong.add(where + ": '" + command + "': '" + words[0] + " --help' lists no " + name);
            }
        }
    }

    /** What {@code smartshare-node COMMAND [SUBCOMMAND] --help} prints, or null if there is no such command. */
    private static String help(String... command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of(command));
        args.add("--help");
        int code = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return code == Main.OK ? out.toString(StandardCharsets.UTF_8) : null;
    }
}
