package io.smartshare.node.ledger;

import io.smartshare.node.lifecycle.NodeContext;
import io.smartshare.node.lifecycle.NodeService;

/**
 * The node's ledger served to peers, beacons and auditors: {@code /ledger} and its children
 * ({@link LedgerResources}). The ledger itself is the node's core; this service only serves it.
 * No config keys.
 */
public final class LedgerService implements NodeService {
    @Override
    public String name() {
        return "ledger";
    }

    @Override
    public void start(NodeContext context) {
        context.coap().root().add(LedgerResources.create(context.ledger()));
    }

    @Override
    public void stop() {
        // the resources go with the CoAP server
    }
}
