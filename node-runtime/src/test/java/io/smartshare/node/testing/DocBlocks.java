package io.smartshare.node.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fenced blocks of the project's Markdown docs: the commands and the captured output they
 * show, for the tests that keep the docs true (DocCommandsTest, DocCommandsIT, SimCommandIT).
 */
public final class DocBlocks {
    private DocBlocks() {
    }

    /** A line of a fenced block (continuation lines ending in a backslash joined) and where it starts. */
    public record Line(String text, String where) {
    }

    /** A fenced block: its info string ({@code sh}, {@code yaml}, or empty) and its lines. */
    public record Block(String info, List<Line> lines) {
        /** A shell session captured as shown: its first line is {@code $ command}. */
        public boolean isTranscript() {
            return !lines.isEmpty() && lines.get(0).text().startsWith("$ ");
        }

        /**
         * Its commands if it holds commands to type ({@code sh} or no info string, not a
         * transcript): comment lines left out, trailing {@code # comments} cut.
         */
        public List<Line> commands() {
            if (!(info.equals("sh") || info.isEmpty()) || isTranscript()) {
                return List.of();
            }
            return lines.stream().filter(l -> !l.text().startsWith("#") && !l.text().isEmpty())
                    .map(l -> new Line(l.text().replaceAll("\\s+#.*$", ""), l.where())).toList();
        }
    }

    /** The project's root directory (the parent of node-runtime, where Maven runs the tests). */
    public static Path root() {
        String root = System.getProperty("smartshare.root");
        return root != null ? Path.of(root) : Path.of(System.getProperty("user.dir")).getParent();
    }

    /** Every fenced block of {@code doc} (a path relative to the root), in order. */
    public static List<Block> blocks(String doc) throws IOException {
        List<String> lines = Files.readAllLines(root().resolve(doc), StandardCharsets.UTF_8);
        List<Block> blocks = new ArrayList<>();
        List<Line> block = null;
        String info = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("```")) {
                if (block == null) {
                    block = new ArrayList<>();
                    info = line.substring(3).strip();
                } else {
                    blocks.add(new Block(info, List.copyOf(block)));
                    block = null;
                }
                continue;
            }
            if (block == null) {
                continue;
            }
            int at = i + 1;
            StringBuilder text = new StringBuilder(line.strip());
            while (text.toString().endsWith("\\") && i + 1 < lines.size()) {
                text.setLength(text.length() - 1);
                text.append(' ').append(lines.get(++i).strip());
            }
            block.add(new Line(text.toString().replaceAll("\\s+", " "), doc + ":" + at));
        }
        return blocks;
    }

    /** The text of {@code doc} outside its fenced blocks. */
    public static String prose(String doc) throws IOException {
        StringBuilder prose = new StringBuilder();
        boolean fenced = false;
        for (String line : Files.readAllLines(root().resolve(doc), StandardCharsets.UTF_8)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced) {
                prose.append(line).append('\n');
            }
        }
        return prose.toString();
    }

    /** The lines of the transcript in {@code doc} whose command starts {@code $ prefix}; fails if there is none. */
    public static List<String> transcript(String doc, String prefix) throws IOException {
        for (Block block : blocks(doc)) {
            if (block.isTranscript() && block.lines().get(0).text().startsWith("$ " + prefix)) {
                return block.lines().stream().map(Line::text).toList();
            }
        }
        throw new AssertionError(doc + " shows no '$ " + prefix + "'");
    }

    /**
     * What a line of output looks like with everything that differs between runs taken out:
     * node ids, hex, CoAP URIs, the docs' abbreviations ({@code 5c0e…(32 hex digits)},
     * {@code <hex>}) become {@code X}, numbers {@code N}, sizes {@code N U}, runs of spaces
     * one space. A line the docs show has the shape of one the program printed.
     */
    public static String shape(String line) {
        return line.replaceAll("\\S*…(\\([^)]*\\))?", "X")
                .replaceAll("<[^>]+>", "X")
                .replaceAll("coaps?://\\S+", "URI")
                .replaceAll("\\bss[a-z2-7]{26}\\b", "X")
                .replaceAll("\\b[0-9a-f]{16,}\\b", "X")
                .replaceAll("\\d+(\\.\\d+)?", "N")
                .replaceAll("N (B|KiB|MiB|GiB)\\b", "N U")
                .replaceAll("\\s+", " ").strip();
    }
}
