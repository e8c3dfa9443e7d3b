package io.smartshare.ledger.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/** The {@code vector.<name> = <hex>} lines of docs/ledger-format.md. */
final class FormatVectors {
    private static final Map<String, byte[]> VECTORS = load();

    private FormatVectors() {
    }

    static byte[] get(String name) {
        byte[] v = VECTORS.get(name);
        if (v == null) {
            throw new IllegalArgumentException("docs/ledger-format.md has no vector." + name);
        }
        return v.clone();
    }

    private static Map<String, byte[]> load() {
        Path doc = Path.of("..", "docs", "ledger-format.md");
        Map<String, byte[]> out = new HashMap<>();
        try {
            for (String line : Files.readAllLines(doc)) {
                if (line.startsWith("vector.")) {
                    String[] parts = line.substring("vector.".length()).split(" = ");
                    out.put(parts[0].strip(), HexFormat.of().parseHex(parts[1].strip()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + doc.toAbsolutePath(), e);
        }
        return out;
    }
}
