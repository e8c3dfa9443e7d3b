package io.smartshare.node.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.ledger.cbor.Cbor;
import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.cbor.CborValue;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.testing.SeededIdentities;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MemberSummaryTest {
    static final NodeId NODE = NodeId.of(SeededIdentities.identity(1).publicKey());
    static final NodeId PARENT = NodeId.of(SeededIdentities.identity(2).publicKey());

    static MemberSummary summary(NodeId node, long at) {
        return new MemberSummary(node, at, "sim", "0.1.0", "degraded", List.of("sensor:temperature: absent"), false, 512,
                Optional.of(PARENT), List.of(new MemberSummary.Link(PARENT, 1.25)), 4_000, 1_000,
                Map.of("relay.up", 3_000L, "storage", 12L), OptionalLong.of(42), OptionalLong.of(7), OptionalLong.of(9));
    }

    @Test
    void aSummaryReadsBackAsItWasWritten() {
        MemberSummary summary = summary(NODE, 1_764_720_000_000L);
        assertEquals(summary, MemberSummary.decode(summary.encode()));
        MemberSummary bare = new MemberSummary(NODE, 1, "sim", "0.1.0", "up", List.of(), true, 0, Optional.empty(),
                List.of(), 0, 0, Map.of(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());
        assertEquals(bare, MemberSummary.decode(bare.encode()));
        Map<String, Object> doc = summary.document();
        assertEquals(PARENT.value(), doc.get("parent"));
        assertEquals(Map.of("units", Map.of("relay.up", 3_000L, "storage", 12L), "estimate-micro-tokens", 42L,
                "settled-epoch", 7L, "settled-reward-micro-tokens", 9L), doc.get("earnings"));
    }

    @Test
    void whatIsNotASummaryIsRefusedNamingWhy() {
        byte[] good = summary(NODE, 1).encode();
        CborMap map = (CborMap) Cbor.decode(good);
        assertRefused(without(map, "node"), "'node' missing");
        assertRefused(with(map, "health", new CborValue.Text("on fire")), "health is up or degraded");
        assertRefused(with(map, "board", new CborValue.Text("x".repeat(65))), "'board' holds text of at most 64");
        assertRefused(with(map, "rank", new CborValue.Int(70_000)), "rank is 0 to 65535");
        assertRefused(with(map, "at", new CborValue.Int(-1)), "'at' is an integer >= 0");
        assertRefused(with(map, "parent", new CborValue.Text("not-a-node")), "node id");
        List<CborValue> links = new ArrayList<>(Collections.nCopies(65, new CborValue.Array(List.of(
                new CborValue.Text(PARENT.value()), new CborValue.Float(1.0)))));
        assertRefused(with(map, "links", new CborValue.Array(links)), "'links' is an array of at most 64");
        assertRefused(with(map, "links", new CborValue.Array(List.of(new CborValue.Array(List.of(
                new CborValue.Text(PARENT.value()), new CborValue.Float(Double.NaN)))))), "finite ETX");
        assertRefused(new byte[MemberSummary.MAX_BYTES + 1], "more than 4096");
        assertRefused(Cbor.encode(new CborValue.Array(List.of())), "not a CBOR map");
    }

    private static void assertRefused(byte[] bytes, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MemberSummary.decode(bytes));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    private static byte[] with(CborMap map, String key, CborValue value) {
        CborMap.Builder b = CborMap.builder();
        map.entries().forEach(e -> b.put(e.key(), ((CborValue.Text) e.key()).value().equals(key) ? value : e.value()));
        return Cbor.encode(b.build());
    }

    private static byte[] without(CborMap map, String key) {
        CborMap.Builder b = CborMap.builder();
        map.entries().stream().filter(e -> !((CborValue.Text) e.key()).value().equals(key))
                .forEach(e -> b.put(e.key(), e.value()));
        return Cbor.encode(b.build());
    }
}
