package io.smartshare.node.fleet;

import io.smartshare.ledger.cbor.Cbor;
import io.smartshare.ledger.cbor.CborException;
import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.cbor.CborValue;
import io.smartshare.ledger.identity.IdentityException;
import io.smartshare.ledger.identity.NodeId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * One node's summary for the fleet (docs/fleet.md): who it is, its health, where it sits in
 * the mesh, what it carried and what it earned this epoch. A mesh member signs it
 * ({@code smartshare/fleet-summary/v1}) and its gateway publishes it. The CBOR form is a map
 * with text keys; {@link #decode} checks every field and bound, so a member cannot make its
 * gateway keep more than {@link #MAX_BYTES} or show anything but these fields. Immutable.
 *
 * @param node the node
 * @param atMillis when it was made, Unix ms
 * @param board the board's name
 * @param version the node's version
 * @param health {@code up} or {@code degraded}
 * @param problems the components not up, as {@code component: state}
 * @param gateway whether it shares a working uplink (a root of the mesh)
 * @param rank its rank in the mesh, 65535 without a route
 * @param parent its preferred parent
 * @param links its live neighbours, with the ETX of each link
 * @param relayProvidedBytes relay bytes it carried for neighbours
 * @param relayConsumedBytes relay bytes neighbours carried for it
 * @param units per resource label, amounts consumers signed for this epoch
 * @param estimate those units at the schedule's rates and caps, micro-tokens (an estimate)
 * @param settledEpoch the last settled epoch
 * @param settledReward its reward in that epoch, micro-tokens
 */
public record MemberSummary(NodeId node, long atMillis, String board, String version, String health,
        List<String> problems, boolean gateway, int rank, Optional<NodeId> parent, List<Link> links,
        long relayProvidedBytes, long relayConsumedBytes, Map<String, Long> units, OptionalLong estimate,
        OptionalLong settledEpoch, OptionalLong settledReward) {
    /** A summary's CBOR is at most this long. */
    public static final int MAX_BYTES = 4096;
    static final int MAX_TEXT = 64;
    static final int MAX_PROBLEMS = 16;
    static final int MAX_LINKS = 64;
    static final int MAX_UNITS = 16;
    private static final Set<String> HEALTH = Set.of("up", "degraded");

    /** A live neighbour and the expected transmission count of the link to it. */
    public record Link(NodeId node, double etx) {
    }

    public MemberSummary {
        problems = List.copyOf(problems);
        links = List.copyOf(links);
        units = Map.copyOf(new TreeMap<>(units));
        check(board.length() <= MAX_TEXT && version.length() <= MAX_TEXT, "board and version are at most 64 characters");
        check(HEALTH.contains(health), "health is up or degraded, not '" + health + "'");
        check(problems.size() <= MAX_PROBLEMS && problems.stream().allMatch(p -> p.length() <= MAX_TEXT),
                "at most 16 problems of 64 characters");
        check(links.size() <= MAX_LINKS && links.stream().allMatch(l -> Double.isFinite(l.etx()) && l.etx() >= 0),
                "at most 64 links, each with a finite ETX >= 0");
        check(units.size() <= MAX_UNITS && units.keySet().stream().allMatch(u -> u.length() <= MAX_TEXT),
                "at most 16 resources");
        check(rank >= 0 && rank <= 0xFFFF, "rank is 0 to 65535");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("fleet summary: " + what);
        }
    }

    /** The deterministic CBOR map. */
    public byte[] encode() {
        CborMap.Builder map = CborMap.builder()
                .put("node", new CborValue.Text(node.value()))
                .put("at", new CborValue.Int(atMillis))
                .put("board", new CborValue.Text(board))
                .put("version", new CborValue.Text(version))
                .put("health", new CborValue.Text(health))
                .put("problems", new CborValue.Array(problems.stream().map(p -> (CborValue) new CborValue.Text(p)).toList()))
                .put("gateway", new CborValue.Bool(gateway))
                .put("rank", new CborValue.Int(rank));
        parent.ifPresent(p -> map.put("parent", new CborValue.Text(p.value())));
        map.put("links", new CborValue.Array(links.stream().map(l -> (CborValue) new CborValue.Array(List.of(
                new CborValue.Text(l.node().value()), new CborValue.Float(l.etx())))).toList()));
        map.put("relay-provided-bytes", new CborValue.Int(relayProvidedBytes));
        map.put("relay-consumed-bytes", new CborValue.Int(relayConsumedBytes));
        CborMap.Builder unitMap = CborMap.builder();
        units.forEach((resource, amount) -> unitMap.put(resource, new CborValue.Int(amount)));
        map.put("units", unitMap.build());
        estimate.ifPresent(v -> map.put("estimate", new CborValue.Int(v)));
        settledEpoch.ifPresent(v -> map.put("settled-epoch", new CborValue.Int(v)));
        settledReward.ifPresent(v -> map.put("settled-reward", new CborValue.Int(v)));
        byte[] bytes = Cbor.encode(map.build());
        check(bytes.length <= MAX_BYTES, "encodes to " + bytes.length + " bytes, more than " + MAX_BYTES);
        return bytes;
    }

    /**
     * Reads a summary.
     *
     * @throws IllegalArgumentException naming what is missing, of the wrong type or beyond a bound
     */
    public static MemberSummary decode(byte[] bytes) {
        check(bytes.length <= MAX_BYTES, bytes.length + " bytes, more than " + MAX_BYTES);
        try {
            if (!(Cbor.decode(bytes) instanceof CborMap map)) {
                throw new IllegalArgumentException("fleet summary: not a CBOR map");
            }
            List<String> problems = new ArrayList<>();
            for (CborValue p : array(map, "problems", MAX_PROBLEMS)) {
                problems.add(text(p, "problems"));
            }
            List<Link> links = new ArrayList<>();
            for (CborValue l : array(map, "links", MAX_LINKS)) {
                if (!(l instanceof CborValue.Array pair) || pair.items().size() != 2
                        || !(pair.items().get(1) instanceof CborValue.Float etx)) {
                    throw new IllegalArgumentException("fleet summary: a link is [node id, etx]");
                }
                links.add(new Link(new NodeId(text(pair.items().get(0), "links")), etx.value()));
            }
            Map<String, Long> units = new TreeMap<>();
            if (!(map.get("units").orElse(null) instanceof CborMap unitMap) || unitMap.size() > MAX_UNITS) {
                throw new IllegalArgumentException("fleet summary: units is a map of at most " + MAX_UNITS);
            }
            for (CborMap.Entry e : unitMap.entries()) {
                units.put(text(e.key(), "units"), integer(e.value(), "units"));
            }
            return new MemberSummary(new NodeId(text(field(map, "node"), "node")), integer(field(map, "at"), "at"),
                    text(field(map, "board"), "board"), text(field(map, "version"), "version"),
                    text(field(map, "health"), "health"), problems, bool(field(map, "gateway"), "gateway"),
                    (int) Math.min(Integer.MAX_VALUE, integer(field(map, "rank"), "rank")),
                    map.get("parent").map(p -> new NodeId(text(p, "parent"))), links,
                    integer(field(map, "relay-provided-bytes"), "relay-provided-bytes"),
                    integer(field(map, "relay-consumed-bytes"), "relay-consumed-bytes"), units,
                    optional(map, "estimate"), optional(map, "settled-epoch"), optional(map, "settled-reward"));
        } catch (CborException | IdentityException e) {
            throw new IllegalArgumentException("fleet summary: " + e.getMessage(), e);
        }
    }

    /** The summary as a JSON document (docs/fleet.md). */
    public Map<String, Object> document() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("node", node.value());
        doc.put("at", atMillis);
        doc.put("board", board);
        doc.put("version", version);
        doc.put("health", health);
        doc.put("problems", problems);
        doc.put("gateway", gateway);
        doc.put("rank", rank);
        parent.ifPresent(p -> doc.put("parent", p.value()));
        List<Object> rows = new ArrayList<>();
        for (Link l : links) {
            rows.add(Map.of("node", l.node().value(), "etx", l.etx()));
        }
        doc.put("links", rows);
        doc.put("relay-provided-bytes", relayProvidedBytes);
        doc.put("relay-consumed-bytes", relayConsumedBytes);
        Map<String, Object> earnings = new LinkedHashMap<>();
        earnings.put("units", new TreeMap<>(units));
        estimate.ifPresent(v -> earnings.put("estimate-micro-tokens", v));
        settledEpoch.ifPresent(v -> earnings.put("settled-epoch", v));
        settledReward.ifPresent(v -> earnings.put("settled-reward-micro-tokens", v));
        doc.put("earnings", earnings);
        return doc;
    }

    private static CborValue field(CborMap map, String key) {
        return map.get(key).orElseThrow(() -> new IllegalArgumentException("fleet summary: '" + key + "' missing"));
    }

    private static List<CborValue> array(CborMap map, String key, int max) {
        if (!(field(map, key) instanceof CborValue.Array a) || a.items().size() > max) {
            throw new IllegalArgumentException("fleet summary: '" + key + "' is an array of at most " + max);
        }
        return a.items();
    }

    private static String text(CborValue value, String key) {
        if (!(value instanceof CborValue.Text t) || t.value().length() > MAX_TEXT) {
            throw new IllegalArgumentException("fleet summary: '" + key + "' holds text of at most " + MAX_TEXT);
        }
        return t.value();
    }

    private static long integer(CborValue value, String key) {
        if (!(value instanceof CborValue.Int i) || i.value() < 0) {
            throw new IllegalArgumentException("fleet summary: '" + key + "' is an integer >= 0");
        }
        return i.value();
    }

    private static boolean bool(CborValue value, String key) {
        if (!(value instanceof CborValue.Bool b)) {
            throw new IllegalArgumentException("fleet summary: '" + key + "' is true or false");
        }
        return b.value();
    }

    private static OptionalLong optional(CborMap map, String key) {
        return map.get(key).map(v -> OptionalLong.of(integer(v, key))).orElse(OptionalLong.empty());
    }
}
