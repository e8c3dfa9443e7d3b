package io.smartshare.node.coap;

import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.config.NodeSettings;
import io.smartshare.node.config.SettingsStore;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /node}: who this node is: id, public key, version, board, uptime, roles, label. */
final class NodeResource extends DocumentResource {
    private final NodeIdentity identity;
    private final String version;
    private final String board;
    private final Uptime uptime;
    private final SettingsStore settings;

    NodeResource(NodeIdentity identity, String version, String board, Uptime uptime, SettingsStore settings) {
        super("node", "smartshare.node", "core.rp");
        this.identity = identity;
        this.version = version;
        this.board = board;
        this.uptime = uptime;
        this.settings = settings;
    }

    @Override
    protected Map<String, Object> document(QueryParameters query) {
        NodeSettings current = settings.current();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", identity.nodeId().value());
        doc.put("public-key", HexFormat.of().formatHex(identity.publicKey().encoded()));
        doc.put("version", version);
        doc.put("board", board);
        doc.put("label", current.label());
        doc.put("uptime-seconds", uptime.seconds());
        doc.put("roles", roles(current));
        return doc;
    }

    private static List<Object> roles(NodeSettings settings) {
        List<Object> roles = new ArrayList<>();
        if (settings.shareBandwidth()) {
            roles.add("relay");
        }
        if (settings.shareStorage()) {
            roles.add("storage");
        }
        if (settings.shareCpu()) {
            roles.add("compute");
        }
        return roles;
    }
}
