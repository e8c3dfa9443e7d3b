package io.smartshare.node.mesh.coap;

import io.smartshare.node.coap.DocumentResource;
import io.smartshare.node.coap.QueryParameters;
import io.smartshare.node.mesh.MeshNode;
import io.smartshare.node.mesh.auth.LinkAuthCounters;
import io.smartshare.node.mesh.hello.HelloCounters;
import io.smartshare.node.mesh.neighbor.LinkView;
import io.smartshare.node.mesh.neighbor.NeighborView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /mesh/neighbors}: the neighbour table, hello admission counters (forged,
 * replayed, flooding and malformed input is counted here) and the transport's counters.
 * ETX is given in hundredths ({@code etx-x100}), documents carrying integers only.
 */
final class MeshNeighborsResource extends DocumentResource {
    private final MeshNode node;
    private final TransportCounters counters;

    MeshNeighborsResource(MeshNode node, TransportCounters counters) {
        super("neighbors", "smartshare.mesh.neighbors", "core.s");
        this.node = node;
        this.counters = counters;
    }

    @Override
    protected Map<String, Object> document(QueryParameters query) {
        List<Object> rows = node.neighbors().stream().<Object>map(MeshNeighborsResource::row).toList();
        HelloCounters hellos = node.helloCounters();
        Map<String, Object> admission = new LinkedHashMap<>();
        admission.put("accepted", hellos.accepted());
        admission.put("sighted", hellos.sighted());
        admission.put("bad-signature", hellos.badSignature());
        admission.put("replayed", hellos.replayed());
        admission.put("rate-limited", hellos.rateLimited());
        admission.put("malformed", hellos.malformed());
        admission.put("table-full", node.neighborTableRefusals());
        admission.put("newcomer-evictions", node.neighborTableEvictions());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("node", node.id().value());
        doc.put("neighbors", rows);
        doc.put("established", node.establishedNeighbors());
        doc.put("hellos", admission);
        LinkAuthCounters auth = node.linkAuthCounters();
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("offers-sent", auth.offersSent());
        links.put("offers-installed", auth.offersInstalled());
        links.put("offers-refused", auth.offersRefused());
        links.put("heartbeats-refused", auth.beatsRefused());
        links.put("sealed-refused", auth.sealedRefused());
        links.put("unsealed-refused", auth.unsealedRefused());
        links.put("sessions", auth.sessions());
        doc.put("link-auth", links);
        doc.put("transport", counters.toDocument());
        return doc;
    }

    private static Map<String, Object> row(NeighborView n) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", n.id().value());
        row.put("address", n.address().value());
        row.put("alive", n.alive());
        row.put("etx-x100", Math.round(n.etx() * 100));
        row.put("rank", n.rank());
        row.put("epoch", n.epoch());
        row.put("gateway", n.gateway());
        row.put("uplink-kbps", n.uplinkKbps());
        row.put("relay-price", n.relayPrice());
        row.put("last-heard-ms", n.lastHeardMillisAgo());
        row.put("links", n.links().stream().map(MeshNeighborsResource::link).toList());
        return row;
    }

    private static Map<String, Object> link(LinkView l) {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("address", l.address().value());
        link.put("medium", l.address().medium().name().toLowerCase(Locale.ROOT));
        link.put("alive", l.alive());
        link.put("etx-x100", Math.round(l.etx() * 100));
        link.put("last-heard-ms", l.lastHeardMillisAgo());
        return link;
    }
}
