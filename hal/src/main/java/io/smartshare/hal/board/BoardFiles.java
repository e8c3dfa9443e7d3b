package io.smartshare.hal.board;

import io.smartshare.hal.config.ConfigException;
import io.smartshare.hal.config.ConfigMap;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds and validates board files. A bare name ({@code sim}, {@code raspberry-pi-4b}) means
 * a board file bundled in the jar under {@code board-configs/}; anything containing a
 * {@code /} or ending in {@code .yaml}/{@code .yml} is a path to a file of the vendor's.
 *
 * <p>Every method either returns a fully validated {@link BoardSpec} or throws a
 * {@link ConfigException} whose message reads {@code file:line: key: problem}.
 */
public final class BoardFiles {
    /** The boards bundled in the jar, by name; kept in step with {@code board-configs/*.yaml}. */
    public static final List<String> BUNDLED = List.of(
            "sim", "generic-linux", "raspberry-pi-4b", "raspberry-pi-5", "raspberry-pi-zero-2w", "gl-inet-mt3000");

    private static final String RESOURCE_DIR = "board-configs/";

    private BoardFiles() {
    }

    /**
     * Resolves what an operator typed after {@code --board}: a bundled board's name or a file.
     *
     * @throws ConfigException if the name is unknown (the message lists the bundled boards),
     *     the file cannot be read, or it is not a valid board file
     */
    public static BoardSpec resolve(String nameOrPath) {
        if (nameOrPath.contains("/") || nameOrPath.endsWith(".yaml") || nameOrPath.endsWith(".yml")) {
            return load(Path.of(nameOrPath));
        }
        return bundled(nameOrPath).orElseThrow(() -> new ConfigException(nameOrPath, 0, "",
                "no bundled board of that name; known boards: " + String.join(", ", BUNDLED)
                        + " (or give a path to a .yaml board file)"));
    }

    /**
     * Reads and validates one board file: what {@code smartshare-node board check FILE} runs.
     *
     * @throws ConfigException naming file, line and key of the first problem
     */
    public static BoardSpec load(Path file) {
        return BoardReader.read(ConfigMap.load(file));
    }

    /** Reads and validates a board file given as text; {@code source} names it in errors. */
    public static BoardSpec parse(String source, String text) {
        return BoardReader.read(ConfigMap.parse(source, text));
    }

    /** The bundled board called {@code name}, if there is one. */
    public static Optional<BoardSpec> bundled(String name) {
        if (!BUNDLED.contains(name)) {
            return Optional.empty();
        }
        String resource = RESOURCE_DIR + name + ".yaml";
        try (InputStream in = BoardFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ConfigException(resource, 0, "", "bundled board file missing from the classpath");
            }
            return Optional.of(parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new ConfigException(resource, 0, "", "cannot read: " + e);
        }
    }
}
