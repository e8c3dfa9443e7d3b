package io.smartshare.node.lifecycle;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code smartshare-node run} was asked for.
 *
 * @param board a bundled board name or a board file path
 * @param dataDir the data directory; empty for the board's default
 * @param coapPort overrides the config's {@code coap.port}
 * @param coapsPort overrides the config's {@code coap.coaps-port}
 * @param configFile the operator's config file, if any
 * @param meshInterface the interface whose All-CoAP-Nodes group the mesh joins; empty for none
 * @param meshPeers neighbours the mesh also reaches by unicast
 * @param uplinkKbps the uplink capacity this node shares with the mesh; present makes it a gateway
 */
public record RunOptions(String board, Optional<Path> dataDir, Optional<Integer> coapPort,
        Optional<Integer> coapsPort, Optional<Path> configFile, Optional<String> meshInterface,
        List<InetSocketAddress> meshPeers, Optional<Long> uplinkKbps) {
    public RunOptions {
        meshPeers = List.copyOf(meshPeers);
    }
}
