package io.smartshare.node.daemon;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code smartshare-node run} was asked for.
 *
 * @param board a bundled board name or a board file path
 * @param dataDir the data directory; empty for the board's default
 * @param coapPort overrides the config's {@code coap.port}
 * @param coapsPort overrides the config's {@code coap.coaps-port}
 * @param configFile the operator's config file, if any
 */
public record RunOptions(String board, Optional<Path> dataDir, Optional<Integer> coapPort,
        Optional<Integer> coapsPort, Optional<Path> configFile) {
}
