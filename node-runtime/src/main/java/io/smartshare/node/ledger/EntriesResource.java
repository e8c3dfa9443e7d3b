package io.smartshare.node.ledger;

import io.smartshare.ledger.Ledger;
import io.smartshare.node.coap.DocumentResource;
import io.smartshare.node.coap.QueryParameters;
import io.smartshare.node.coap.RequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /ledger/entries?from=A&to=B}: records {@code [A, B)} as stored and hashed (the
 * encoded bytes a verifier needs), at most {@value #MAX_RECORDS} per answer; {@code next}
 * says where to continue. Without parameters: the last {@value #MAX_RECORDS} records.
 * Large answers go block-wise (RFC 7959), as Californium does for any resource.
 */
final class EntriesResource extends DocumentResource {
    static final int MAX_RECORDS = 64;

    private final Ledger ledger;

    EntriesResource(Ledger ledger) {
        super("entries", "smartshare.ledger.entries", "core.rp", Set.of("from", "to"));
        this.ledger = ledger;
    }

    @Override
    protected Map<String, Object> document(QueryParameters query) {
        long size = ledger.size();
        long to = query.count("to").orElse(size);
        long from = query.count("from").orElse(Math.max(0, to - MAX_RECORDS));
        if (to > size) {
            throw RequestException.badRequest("to=" + to + " is beyond the log's size " + size);
        }
        if (from > to) {
            throw RequestException.badRequest("from=" + from + " is after to=" + to);
        }
        long end = Math.min(to, from + MAX_RECORDS);
        List<Object> records = new ArrayList<>(ledger.readEncoded(from, end));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("from", from);
        doc.put("to", end);
        doc.put("size", size);
        doc.put("records", records);
        if (end < to) {
            doc.put("next", end);
        }
        return doc;
    }
}
