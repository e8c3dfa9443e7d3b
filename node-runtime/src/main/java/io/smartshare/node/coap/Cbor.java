package io.smartshare.node.coap;

import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.cbor.CborValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a document tree (see {@link Json}) as deterministic CBOR through ledger-lite's
 * codec: maps with text keys, arrays, text, booleans, integers, floats and byte strings.
 */
final class Cbor {
    private Cbor() {
    }

    static byte[] write(Object document) {
        return io.smartshare.ledger.cbor.Cbor.encode(toValue(document));
    }

    static CborValue toValue(Object value) {
        if (value instanceof String text) {
            return new CborValue.Text(text);
        } else if (value instanceof Boolean bool) {
            return new CborValue.Bool(bool);
        } else if (value instanceof Integer || value instanceof Long) {
            return new CborValue.Int(((Number) value).longValue());
        } else if (value instanceof Double number) {
            return new CborValue.Float(number);
        } else if (value instanceof byte[] bytes) {
            return new CborValue.Bytes(bytes);
        } else if (value instanceof Map<?, ?> map) {
            CborMap.Builder builder = CborMap.builder();
            map.forEach((key, item) -> builder.put((String) key, toValue(item)));
            return builder.build();
        } else if (value instanceof List<?> list) {
            List<CborValue> items = new ArrayList<>(list.size());
            list.forEach(item -> items.add(toValue(item)));
            return new CborValue.Array(items);
        }
        throw new IllegalArgumentException("not a document value: " + value.getClass().getName());
    }
}
