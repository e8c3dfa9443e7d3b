package io.smartshare.node.mesh.coap;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.coap.DocumentResource;
import io.smartshare.node.coap.QueryParameters;
import io.smartshare.node.mesh.ForwardingCounters;
import io.smartshare.node.mesh.MeshNode;
import io.smartshare.node.mesh.RoutePosition;
import io.smartshare.node.mesh.RoutesView;
import io.smartshare.node.mesh.forwarding.PeerRelayBytes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /mesh/routes}: the upward route (gateway flag, epoch, rank, parent and backups;
 * no {@code parent} key when there is none), the registered downward routes, packet counters
 * and the bytes relayed per peer (for metering).
 */
final class MeshRoutesResource extends DocumentResource {
    private final MeshNode node;

    MeshRoutesResource(MeshNode node) {
        super("routes", "smartshare.mesh.routes", "core.s");
        this.node = node;
    }

    @Override
    protected Map<String, Object> document(QueryParameters query) {
        RoutesView routes = node.routes();
        RoutePosition position = routes.position();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("node", routes.self().value());
        doc.put("gateway", position.gateway());
        doc.put("epoch", position.epoch());
        doc.put("rank", position.rank());
        position.parent().ifPresent(p -> doc.put("parent", p.value()));
        doc.put("backups", position.backups().stream().map(NodeId::value).toList());
        doc.put("downward", routes.downward().stream().map(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("target", r.target().value());
            row.put("via", r.via().value());
            row.put("expires-in-ms", r.expiresInMillis());
            if (!r.prefixes().isEmpty()) {
                row.put("prefixes", r.prefixes().stream().map(Object::toString).toList());
            }
            return (Object) row;
        }).toList());
        doc.put("downward-refused", routes.downwardRefused());
        ForwardingCounters packets = node.forwardingCounters();
        Map<String, Object> forwarding = new LinkedHashMap<>();
        forwarding.put("delivered", packets.delivered());
        forwarding.put("forwarded", packets.forwarded());
        Map<String, Object> dropped = new LinkedHashMap<>();
        packets.dropped().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> dropped.put(e.getKey().name().toLowerCase().replace('_', '-'), e.getValue()));
        forwarding.put("dropped", dropped);
        doc.put("packets", forwarding);
        doc.put("relay", relay());
        doc.put("relay-peers-refused", node.relayPeersRefused());
        return doc;
    }

    private List<Object> relay() {
        return node.relayBytes().peers().entrySet().stream()
                .sorted(Map.Entry.comparingByKey((a, b) -> a.value().compareTo(b.value())))
                .map(e -> {
                    PeerRelayBytes bytes = e.getValue();
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("peer", e.getKey().value());
                    row.put("bytes-from-upstream", bytes.bytesFromUpstream());
                    row.put("packets-from-upstream", bytes.packetsFromUpstream());
                    row.put("bytes-to-downstream", bytes.bytesToDownstream());
                    row.put("packets-to-downstream", bytes.packetsToDownstream());
                    return (Object) row;
                }).toList();
    }
}
