package io.smartshare.node.ledger;

import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.merkle.ConsistencyProof;
import io.smartshare.ledger.merkle.Hash;
import io.smartshare.ledger.merkle.InclusionProof;
import io.smartshare.node.coap.DocumentResource;
import io.smartshare.node.coap.QueryParameters;
import io.smartshare.node.coap.RequestException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /ledger/proof}: {@code ?index=I&size=N} gives the inclusion proof of record I in
 * the tree of size N; {@code ?from=M&to=N} the consistency proof between sizes M and N
 * (RFC 9162 §2.1.3 and §2.1.4). Sizes may not exceed the synced size.
 */
final class ProofResource extends DocumentResource {
    private final Ledger ledger;

    ProofResource(Ledger ledger) {
        super("proof", "smartshare.ledger.proof", "core.rp", Set.of("index", "size", "from", "to"));
        this.ledger = ledger;
    }

    @Override
    protected Map<String, Object> document(QueryParameters query) {
        long synced = ledger.size();
        Map<String, Object> doc = new LinkedHashMap<>();
        if (query.has("index") && query.has("size") && !query.has("from") && !query.has("to")) {
            long index = query.count("index").orElseThrow();
            long size = query.count("size").orElseThrow();
            if (size > synced || index >= size) {
                throw RequestException.badRequest("need index < size <= " + synced + ", found index=" + index
                        + " size=" + size);
            }
            InclusionProof proof = ledger.inclusionProof(index, size);
            doc.put("index", proof.index());
            doc.put("size", proof.size());
            doc.put("path", hashes(proof.path()));
            return doc;
        }
        if (query.has("from") && query.has("to") && !query.has("index") && !query.has("size")) {
            long from = query.count("from").orElseThrow();
            long to = query.count("to").orElseThrow();
            if (to > synced || from > to) {
                throw RequestException.badRequest("need from <= to <= " + synced + ", found from=" + from + " to=" + to);
            }
            ConsistencyProof proof = ledger.consistencyProof(from, to);
            doc.put("from", proof.from());
            doc.put("to", proof.to());
            doc.put("path", hashes(proof.path()));
            return doc;
        }
        throw RequestException.badRequest("ask for ?index=I&size=N (inclusion) or ?from=M&to=N (consistency)");
    }

    private static List<Object> hashes(List<Hash> path) {
        return path.stream().<Object>map(Hash::bytes).toList();
    }
}
