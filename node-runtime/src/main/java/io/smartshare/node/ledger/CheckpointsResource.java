package io.smartshare.node.ledger;

import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.node.coap.DocumentResource;
import io.smartshare.node.coap.QueryParameters;
import io.smartshare.node.coap.RequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;

/**
 * {@code /ledger/checkpoints}: the tree sizes of every published checkpoint; with
 * {@code ?size=N} the signed note of that checkpoint (4.04 if none was published at N).
 */
final class CheckpointsResource extends DocumentResource {
    private final Ledger ledger;

    CheckpointsResource(Ledger ledger) {
        super("checkpoints", "smartshare.ledger.checkpoints", "core.rp", Set.of("size"));
        this.ledger = ledger;
    }

    @Override
    protected Map<String, Object> document(QueryParameters query) {
        Map<String, Object> doc = new LinkedHashMap<>();
        if (query.has("size")) {
            long size = query.count("size").orElseThrow();
            SignedCheckpoint checkpoint = ledger.checkpoint(size).orElseThrow(() -> new RequestException(
                    ResponseCode.NOT_FOUND, "no checkpoint was published at size " + size));
            doc.put("size", checkpoint.size());
            doc.put("root", checkpoint.root().bytes());
            doc.put("checkpoint", checkpoint.text());
            return doc;
        }
        doc.put("sizes", new ArrayList<Object>(ledger.checkpointSizes()));
        return doc;
    }
}
