package io.smartshare.node.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.node.testing.NodeLine;
import io.smartshare.node.testing.JsonDocument;
import io.smartshare.node.testing.NodeProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What the storage process tests share: plaintext files with a marker, the search for it, the CLI. */
final class StorageCli {
    private static final Pattern AGREED = Pattern.compile("agreed ([0-9a-f]{32})");
    static final byte[] MARKER = "PLAINTEXT-MARKER-".getBytes(StandardCharsets.US_ASCII);

    private StorageCli() {
    }

    /** A random file of {@code size} bytes with {@link #MARKER} every 1,000 bytes. */
    static Path plainFile(Path dir, String name, int size, int seed) throws Exception {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        for (int at = 0; at + MARKER.length <= size; at += 1_000) {
            System.arraycopy(MARKER, 0, bytes, at, MARKER.length);
        }
        return Files.write(dir.resolve(name), bytes);
    }

    /** No file under {@code root} holds the marker. */
    static void assertNoPlaintextUnder(Path root) throws Exception {
        for (Path f : files(root)) {
            assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(new String(MARKER,
                    StandardCharsets.ISO_8859_1)), f + " holds plaintext");
        }
    }

    static List<Path> files(Path root) throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            return new ArrayList<>(all.filter(Files::isRegularFile).sorted().toList());
        }
    }

    /** The row of {@code /storage} for content {@code id} this node stores on others. */
    static Map<String, Object> owned(Map<String, Object> doc, String id) {
        return JsonDocument.<Map<String, Object>>list(doc, "owned").stream().filter(r -> id.equals(r.get("id")))
                .findFirst().orElseThrow(() -> new AssertionError("no owned row " + id + " in " + doc));
    }

    /** Runs {@code smartshare-node storage <args>} against node {@code i} of {@code line} as its operator. */
    static NodeProcess.Result storage(NodeLine line, int i, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("storage"));
        command.addAll(List.of(args));
        command.addAll(List.of("--config", line.configFile(i).toString(), "--identity", NodeLine.OPERATOR, "--node",
                "coaps://127.0.0.1:" + line.node(i).coapsPort()));
        return NodeProcess.runToEnd(command);
    }

    /** {@code storage put FILE --on <node on> --days 1} on node {@code from}; the agreement's id. */
    static String put(NodeLine line, int from, Path file, int on) throws Exception {
        NodeProcess.Result put = storage(line, from, "put", file.toString(), "--on", line.id(on), "--days", "1");
        assertEquals(0, put.exitCode(), put.stdout() + put.stderr());
        Matcher agreed = AGREED.matcher(put.stdout());
        assertTrue(agreed.find(), put.stdout());
        return agreed.group(1);
    }
}
