package io.smartshare.node.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.cose.CoseSign1;
import io.smartshare.contracts.cose.Domain;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.mesh.coap.PeerLink;
import io.smartshare.node.testing.SeededIdentities;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FleetRosterTest {
    private static final NodeIdentity GATEWAY = SeededIdentities.identity(10);
    private static final NodeIdentity B = SeededIdentities.identity(11);
    private static final NodeIdentity C = SeededIdentities.identity(12);
    private static final NodeIdentity STRANGER = SeededIdentities.identity(13);

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final List<NodeId> targets = new ArrayList<>();
    /** What each member answers: a COSE_Sign1, or empty for no answer. */
    private final Map<NodeId, Optional<byte[]>> answers = new HashMap<>();
    private final Map<NodeId, Integer> keyRequests = new HashMap<>();

    private final FleetRoster.Mesh mesh = new FleetRoster.Mesh() {
        @Override
        public List<NodeId> members() {
            return List.copyOf(targets);
        }

        @Override
        public Ed25519PublicKey publicKey(NodeId member) throws PeerLink.Failure {
            keyRequests.merge(member, 1, Integer::sum);
            for (NodeIdentity i : List.of(B, C, STRANGER)) {
                if (id(i).equals(member)) {
                    return i.publicKey();
                }
            }
            throw new PeerLink.Failure(Optional.empty(), "no route to " + member);
        }

        @Override
        public byte[] signedSummary(NodeId member) throws PeerLink.Failure {
            return answers.getOrDefault(member, Optional.empty()).orElseThrow(() -> new PeerLink.Failure(Optional.empty(),
                    member + " did not answer within 15 s"));
        }
    };

    private final FleetRoster roster = new FleetRoster(new OwnSummary(GATEWAY, "sim", "0.1.0", List::of,
            Optional.empty(), Optional.empty(), clock::get), mesh, clock::get);

    private static NodeId id(NodeIdentity identity) {
        return NodeId.of(identity.publicKey());
    }

    private static byte[] signed(NodeIdentity signer, NodeId about, long at) {
        return CoseSign1.sign(Domain.FLEET_SUMMARY, MemberSummaryTest.summary(about, at).encode(), signer).encode();
    }

    private FleetMember member(NodeIdentity identity) {
        return roster.members().stream().filter(m -> m.node().equals(id(identity))).findFirst().orElseThrow();
    }

    private long refused() {
        return (Long) roster.counters().get("summaries-refused");
    }

    @Test
    void membersSignedSummariesAreKeptAndTheGatewayComesFirst() {
        targets.addAll(List.of(id(C), id(B)));
        answers.put(id(B), Optional.of(signed(B, id(B), 5)));
        answers.put(id(C), Optional.of(signed(C, id(C), 6)));
        roster.poll();
        List<FleetMember> members = roster.members();
        List<NodeId> sorted = List.of(id(B), id(C)).stream().sorted((x, y) -> x.value().compareTo(y.value())).toList();
        assertEquals(List.of(id(GATEWAY), sorted.get(0), sorted.get(1)), members.stream().map(FleetMember::node).toList(),
                "the gateway first, then its members by id");
        assertTrue(member(B).online());
        assertEquals(5, member(B).summary().orElseThrow().atMillis());
        assertEquals(6, member(C).summary().orElseThrow().atMillis());
        assertEquals(0, refused());
        roster.poll();
        assertEquals(1, keyRequests.get(id(B)), "a member's key is asked for once");
        assertTrue(member(B).online(), "the same summary again (made less than 5 s before) keeps it online");
    }

    @Test
    void aForgedAMisnamedOrAnOlderSummaryIsRefusedAndChangesNothing() {
        targets.add(id(B));
        answers.put(id(B), Optional.of(signed(B, id(B), 50)));
        roster.poll();
        answers.put(id(B), Optional.of(signed(STRANGER, id(B), 60)));
        roster.poll();
        assertEquals(1, refused(), "signed by another key");
        assertEquals(50, member(B).summary().orElseThrow().atMillis(), "the forged one is not kept");
        assertFalse(member(B).online());
        assertTrue(member(B).problem().contains("not signed by " + id(B)), member(B).problem());

        answers.put(id(B), Optional.of(signed(B, id(C), 70)));
        roster.poll();
        assertEquals(2, refused(), "B's signature over a summary of C");
        assertTrue(member(B).problem().contains("a summary of " + id(C)), member(B).problem());

        answers.put(id(B), Optional.of(signed(B, id(B), 40)));
        roster.poll();
        assertEquals(3, refused(), "an older summary replayed");
        assertEquals(50, member(B).summary().orElseThrow().atMillis());

        answers.put(id(B), Optional.of("not cose".getBytes()));
        roster.poll();
        assertEquals(4, refused());

        answers.put(id(B), Optional.of(signed(B, id(B), 80)));
        roster.poll();
        assertTrue(member(B).online(), "a good summary brings it back");
        assertEquals("", member(B).problem());
    }

    @Test
    void aMemberThatDoesNotAnswerOrLeavesTheRoutesIsOfflineAndForgottenAfterAnHour() {
        targets.addAll(List.of(id(B), id(C)));
        answers.put(id(B), Optional.of(signed(B, id(B), 5)));
        answers.put(id(C), Optional.of(signed(C, id(C), 5)));
        roster.poll();
        answers.remove(id(C));
        targets.remove(id(B));
        clock.addAndGet(10_000);
        roster.poll();
        assertFalse(member(B).online());
        assertEquals("no longer reached by this gateway's routes", member(B).problem());
        assertEquals(5, member(B).summary().orElseThrow().atMillis(), "its last summary is still shown");
        assertFalse(member(C).online());
        assertTrue(member(C).problem().contains("did not answer"), member(C).problem());
        assertEquals(0, refused(), "no answer is not a refusal");
        clock.addAndGet(FleetRoster.FORGET_MILLIS - 1);
        roster.poll();
        assertEquals(3, roster.members().size(), "kept for an hour");
        targets.clear();
        clock.addAndGet(1);
        roster.poll();
        assertEquals(List.of(id(GATEWAY)), roster.members().stream().map(FleetMember::node).toList());
    }
}
