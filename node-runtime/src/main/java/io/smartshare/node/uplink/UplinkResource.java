package io.smartshare.node.uplink;

import io.smartshare.node.coap.DocumentResource;
import io.smartshare.node.coap.QueryParameters;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /uplink}: the tunnel interface, the node's mesh address, each WireGuard peer
 * (node id, key, endpoint, allowed IPs, bytes received and sent) and the routes through the
 * tunnel; or, when the data plane is not available, why.
 */
final class UplinkResource extends DocumentResource {
    private final Supplier<Map<String, Object>> document;

    UplinkResource(Supplier<Map<String, Object>> document) {
        super("uplink", "smartshare.uplink", "core.s");
        this.document = document;
    }

    @Override
    protected Map<String, Object> document(QueryParameters query) {
        return document.get();
    }
}
