package io.smartshare.node.lifecycle;

import io.smartshare.hal.board.BoardSpec;
import io.smartshare.hal.config.ConfigMap;

/**
 * What a service reads to configure itself, before anything runs.
 *
 * @param section the service's section of the operator config ({@code <name>:}); an empty
 *     map when the operator config has none. Keys the service does not read are refused
 *     with file, line and key after {@link NodeService#configure} returns.
 * @param board the board file
 * @param options the command line of {@code run} (its options override the config file)
 * @param coap what the services ask of the CoAP server before it starts
 */
public record ServiceConfig(ConfigMap section, BoardSpec board, RunOptions options, CoapRequests coap) {
}
