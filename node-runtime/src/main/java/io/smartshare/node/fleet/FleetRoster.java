package io.smartshare.node.fleet;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.cose.CoseSign1;
import io.smartshare.contracts.cose.Domain;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.logging.RefusalLog;
import io.smartshare.node.mesh.coap.PeerLink;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The members a gateway reports (docs/fleet.md): itself, and every node its mesh routes down
 * to, whose signed summaries it asks for over the mesh one after another in each {@link
 * #poll()} round. A summary counts only if it is signed by the member's key (learnt from its
 * {@code /node} once, and checked against its node id), names the member, fits the bounds of
 * {@link MemberSummary} and is not older than the last one kept: a relay on the way can withhold a
 * member's summary, never forge or replay one. A member that fails to answer, or that the
 * routes no longer reach, is shown offline with its last summary and the reason; one offline
 * for {@link #FORGET_MILLIS} is forgotten. At most {@link #CAPACITY} members are kept.
 * Thread-safe.
 */
final class FleetRoster {
    private static final Logger LOG = LoggerFactory.getLogger(FleetRoster.class);
    /** Members kept at most: the mesh's own bound on downward routes. */
    static final int CAPACITY = 2_048;
    static final long FORGET_MILLIS = 3_600_000;

    /** Where the members are found and asked. */
    interface Mesh {
        /** The nodes to report now: empty unless this node is a gateway, else every target of its routes. */
        List<NodeId> members();

        Ed25519PublicKey publicKey(NodeId member) throws PeerLink.Failure;

        byte[] signedSummary(NodeId member) throws PeerLink.Failure;
    }

    private final OwnSummary own;
    private final Mesh mesh;
    private final LongSupplier clock;
    private final Map<NodeId, FleetMember> members = new HashMap<>();
    private final Map<NodeId, Ed25519PublicKey> keys = new HashMap<>();
    private final RefusalLog refusals = RefusalLog.of(LOG);
    private long summariesRefused;
    private long membersRefused;

    FleetRoster(OwnSummary own, Mesh mesh, LongSupplier clock) {
        this.own = own;
        this.mesh = mesh;
        this.clock = clock;
    }

    /** A {@link Mesh} asking through {@code link} ({@code GET /node}, {@code GET /fleet/summary}). */
    static Mesh over(PeerLink link, Supplier<List<NodeId>> members) {
        return new Mesh() {
            @Override
            public List<NodeId> members() {
                return members.get();
            }

            @Override
            public Ed25519PublicKey publicKey(NodeId member) throws PeerLink.Failure {
                return link.publicKey(member);
            }

            @Override
            public byte[] signedSummary(NodeId member) throws PeerLink.Failure {
                Request request = Request.newGet();
                request.getOptions().setAccept(MediaTypeRegistry.APPLICATION_COSE_SIGN1);
                return link.call(member, request, List.of("fleet", "summary")).getPayload();
            }
        };
    }

    /** One round: asks every member for its summary, marks the ones gone offline. On the fleet thread. */
    void poll() {
        List<NodeId> targets = mesh.members();
        long now = clock.getAsLong();
        synchronized (this) {
            for (FleetMember m : List.copyOf(members.values())) {
                if (!targets.contains(m.node()) && m.online()) {
                    members.put(m.node(), m.offline(now, "no longer reached by this gateway's routes"));
                }
            }
            members.values().removeIf(m -> !m.online() && now - m.changedAtMillis() >= FORGET_MILLIS);
            keys.keySet().retainAll(members.keySet());
        }
        for (NodeId target : targets) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            ask(target);
        }
    }

    private void ask(NodeId member) {
        try {
            Ed25519PublicKey key = key(member);
            byte[] bytes = mesh.signedSummary(member);
            if (bytes.length > MemberSummary.MAX_BYTES + 256) {
                throw new IllegalArgumentException(bytes.length + " bytes, more than a summary takes");
            }
            CoseSign1 cose = CoseSign1.decode(Domain.FLEET_SUMMARY, bytes);
            if (!cose.verifiedBy(key)) {
                throw new IllegalArgumentException("not signed by " + member);
            }
            MemberSummary summary = MemberSummary.decode(cose.payload());
            if (!summary.node().equals(member)) {
                throw new IllegalArgumentException("a summary of " + summary.node() + ", not of " + member);
            }
            keep(member, summary);
        } catch (PeerLink.Failure e) {
            lost(member, e.getMessage());
        } catch (ContractException | IllegalArgumentException e) {
            refused(member, e.getMessage());
        }
    }

    private Ed25519PublicKey key(NodeId member) throws PeerLink.Failure {
        synchronized (this) {
            Ed25519PublicKey known = keys.get(member);
            if (known != null) {
                return known;
            }
        }
        Ed25519PublicKey key = mesh.publicKey(member);
        synchronized (this) {
            if (members.containsKey(member) || members.size() < CAPACITY) {
                keys.put(member, key);
            }
        }
        return key;
    }

    private synchronized void keep(NodeId member, MemberSummary summary) {
        FleetMember old = members.get(member);
        if (old != null && old.summary().isPresent() && summary.atMillis() < old.summary().get().atMillis()) {
            refused(member, "a summary made at " + summary.atMillis() + ", before the one kept ("
                    + old.summary().get().atMillis() + ")");
            return;
        }
        if (old == null && members.size() >= CAPACITY) {
            membersRefused++;
            return;
        }
        members.put(member, new FleetMember(member, Optional.of(summary), true, clock.getAsLong(), ""));
    }

    private synchronized void lost(NodeId member, String reason) {
        FleetMember old = members.get(member);
        if (old == null) {
            if (members.size() >= CAPACITY) {
                membersRefused++;
                return;
            }
            members.put(member, new FleetMember(member, Optional.empty(), false, clock.getAsLong(), reason));
        } else {
            members.put(member, old.offline(old.online() ? clock.getAsLong() : old.changedAtMillis(), reason));
        }
    }

    private synchronized void refused(NodeId member, String reason) {
        summariesRefused++;
        refusals.refused("fleet-summary-refused", "member={} reason=\"{}\"", member, reason);
        lost(member, "summary refused: " + reason);
    }

    /** Itself first, then the members by node id. */
    synchronized List<FleetMember> members() {
        List<FleetMember> all = new ArrayList<>();
        MemberSummary self = own.summary();
        all.add(new FleetMember(self.node(), Optional.of(self), true, self.atMillis(), ""));
        members.values().stream().filter(m -> !m.node().equals(self.node()))
                .sorted(Comparator.comparing(m -> m.node().value())).forEach(all::add);
        return all;
    }

    /** Summaries refused (unsigned, malformed, of another node, older than the one kept), and members not kept because the roster was full. */
    synchronized Map<String, Object> counters() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("members", members.size());
        doc.put("summaries-refused", summariesRefused);
        doc.put("members-refused", membersRefused);
        return doc;
    }
}
