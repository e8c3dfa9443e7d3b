package io.smartshare.node.ledger;

import io.smartshare.ledger.Ledger;
import io.smartshare.node.coap.DocumentResource;
import io.smartshare.node.coap.QueryParameters;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /ledger/head}: the log's origin, key, synced size and root, and its latest signed
 * checkpoint (the note text, docs/ledger-format.md), when one was published.
 */
final class HeadResource extends DocumentResource {
    private final Ledger ledger;

    HeadResource(Ledger ledger) {
        super("head", "smartshare.ledger.head", "core.rp");
        this.ledger = ledger;
    }

    @Override
    protected Map<String, Object> document(QueryParameters query) {
        long size = ledger.size();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("origin", ledger.origin());
        doc.put("key", ledger.key().encoded());
        doc.put("size", size);
        doc.put("root", ledger.root(size).bytes());
        ledger.latestCheckpoint().ifPresent(checkpoint -> {
            doc.put("checkpoint-size", checkpoint.size());
            doc.put("checkpoint", checkpoint.text());
        });
        return doc;
    }
}
