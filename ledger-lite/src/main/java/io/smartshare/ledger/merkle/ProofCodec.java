package io.smartshare.ledger.merkle;

import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.cbor.CborValue;
import java.util.ArrayList;
import java.util.List;

/** The shared CBOR shape of both proofs: {@code {0: uint, 1: uint, 2: [bstr(32)]}}. */
final class ProofCodec {
    record Parts(long first, long second, List<Hash> path) {
    }

    private ProofCodec() {
    }

    static CborMap toCbor(long first, long second, List<Hash> path) {
        List<CborValue> hashes = new ArrayList<>(path.size());
        for (Hash h : path) {
            hashes.add(CborValue.of(h.unsafeBytes()));
        }
        return CborMap.builder().put(0, first).put(1, second).put(2, new CborValue.Array(hashes)).build();
    }

    static Parts fromCbor(CborValue value, String what) {
        if (!(value instanceof CborMap map) || map.size() != 3) {
            throw new ProofException(what + ": expected a map with keys 0, 1, 2, found " + value);
        }
        long first = uint(map, 0, what);
        long second = uint(map, 1, what);
        if (!(map.get(2).orElse(null) instanceof CborValue.Array array)) {
            throw new ProofException(what + ": field 2: expected an array of hashes");
        }
        List<Hash> path = new ArrayList<>(array.items().size());
        for (CborValue item : array.items()) {
            if (!(item instanceof CborValue.Bytes b) || b.length() != Hash.LENGTH) {
                throw new ProofException(what + ": field 2: expected 32-byte hashes, found " + item);
            }
            path.add(Hash.wrap(b.value()));
        }
        return new Parts(first, second, path);
    }

    private static long uint(CborMap map, int key, String what) {
        if (map.get(key).orElse(null) instanceof CborValue.Int i && i.value() >= 0) {
            return i.value();
        }
        throw new ProofException(what + ": field " + key + ": expected an unsigned integer, found "
                + map.get(key).map(Object::toString).orElse("nothing"));
    }
}
