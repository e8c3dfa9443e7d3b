package io.smartshare.node.compute;

import io.smartshare.ledger.cbor.Cbor;
import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.cbor.CborValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job this node had run elsewhere, as its operator sees it (docs/compute.md, "Consumer"):
 * where it ran and who verified it, how far it got, and the verdict. Stored as a CBOR map
 * with text keys ({@link #encode()}).
 *
 * @param id the id of the job sent to the provider
 * @param provider the provider's node id
 * @param verifiers the verifiers' node ids, or {@code local} for this node's own run
 * @param state {@code sending}, {@code running}, {@code verified}, {@code disagreed} or {@code failed}
 * @param detail what happened last, in words
 * @param instructions instructions the (agreed) result counts, 0 until there is one
 * @param outcome the result's outcome label, empty until there is one
 * @param exitCode the result's exit code
 * @param outputHash the output's SHA-256 in hex, empty until there is one
 * @param outputBytes the output's length
 * @param owed µT owed to each provider for the job at the agreed price, once verified
 * @param startedAt when the operator asked (Unix ms)
 * @param endedAt when the verdict came (Unix ms), 0 before
 */
record OwnedJob(String id, String provider, List<String> verifiers, String state, String detail, long instructions,
        String outcome, long exitCode, String outputHash, long outputBytes, long owed, long startedAt, long endedAt) {
    static final String LOCAL = "local";

    OwnedJob {
        verifiers = List.copyOf(verifiers);
    }

    /** True once the verdict is in. */
    boolean finished() {
        return finished(state);
    }

    OwnedJob withState(String nextState, String nextDetail, long at) {
        return new OwnedJob(id, provider, verifiers, nextState, nextDetail, instructions, outcome, exitCode, outputHash,
                outputBytes, owed, startedAt, finished(nextState) ? at : endedAt);
    }

    private static boolean finished(String state) {
        return state.equals("verified") || state.equals("disagreed") || state.equals("failed");
    }

    /** What {@code /compute} shows of it. */
    Map<String, Object> toDocument() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", id);
        doc.put("provider", provider);
        doc.put("verifiers", verifiers);
        doc.put("state", state);
        doc.put("detail", detail);
        doc.put("instructions", instructions);
        doc.put("outcome", outcome);
        doc.put("exit-code", exitCode);
        doc.put("output-sha256", outputHash);
        doc.put("output-bytes", outputBytes);
        doc.put("owed-micro-tokens", owed);
        doc.put("started", startedAt);
        doc.put("ended", endedAt);
        return doc;
    }

    byte[] encode() {
        CborMap.Builder map = CborMap.builder();
        toDocument().forEach((key, value) -> map.put(key, cbor(value)));
        return Cbor.encode(map.build());
    }

    private static CborValue cbor(Object value) {
        if (value instanceof String s) {
            return new CborValue.Text(s);
        }
        if (value instanceof Long n) {
            return new CborValue.Int(n);
        }
        return new CborValue.Array(((List<?>) value).stream().map(v -> (CborValue) new CborValue.Text((String) v))
                .toList());
    }

    /**
     * Reads what {@link #encode()} wrote.
     *
     * @throws IllegalArgumentException if it is not such a record
     */
    static OwnedJob decode(byte[] bytes) {
        if (!(Cbor.decode(bytes) instanceof CborMap map)) {
            throw new IllegalArgumentException("not a CBOR map");
        }
        List<String> verifiers = new ArrayList<>();
        if (map.get("verifiers").orElse(null) instanceof CborValue.Array a) {
            a.items().forEach(v -> verifiers.add(((CborValue.Text) v).value()));
        }
        return new OwnedJob(text(map, "id"), text(map, "provider"), verifiers, text(map, "state"), text(map, "detail"),
                number(map, "instructions"), text(map, "outcome"), number(map, "exit-code"), text(map, "output-sha256"),
                number(map, "output-bytes"), number(map, "owed-micro-tokens"), number(map, "started"),
                number(map, "ended"));
    }

    private static String text(CborMap map, String key) {
        if (map.get(key).orElse(null) instanceof CborValue.Text t) {
            return t.value();
        }
        throw new IllegalArgumentException("field " + key + ": expected text");
    }

    private static long number(CborMap map, String key) {
        if (map.get(key).orElse(null) instanceof CborValue.Int n) {
            return n.value();
        }
        throw new IllegalArgumentException("field " + key + ": expected an integer");
    }
}
