package io.smartshare.node.fleet;

import io.smartshare.contracts.cose.CoseSign1;
import io.smartshare.contracts.cose.Domain;
import io.smartshare.hal.health.DriverHealth;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.mesh.MeshNode;
import io.smartshare.node.mesh.RoutePosition;
import io.smartshare.node.mesh.neighbor.NeighborView;
import io.smartshare.node.rewards.Earnings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * This node's {@link MemberSummary}, made from what the node's parts show now (health, the
 * mesh, the rewards service's earnings), and its signed form, kept for {@link #REUSE_MILLIS}
 * so that requests for it cost one signature per interval however many arrive.
 */
final class OwnSummary {
    static final long REUSE_MILLIS = 5_000;

    private final NodeIdentity identity;
    private final String board;
    private final String version;
    private final Supplier<List<DriverHealth>> health;
    private final Optional<MeshNode> mesh;
    private final Optional<Supplier<Earnings>> earnings;
    private final LongSupplier clock;
    private MemberSummary latest;
    private byte[] signed;

    OwnSummary(NodeIdentity identity, String board, String version, Supplier<List<DriverHealth>> health,
            Optional<MeshNode> mesh, Optional<Supplier<Earnings>> earnings, LongSupplier clock) {
        this.identity = identity;
        this.board = board;
        this.version = version;
        this.health = health;
        this.mesh = mesh;
        this.earnings = earnings;
        this.clock = clock;
    }

    /** The summary now (made afresh at most every {@link #REUSE_MILLIS}). */
    synchronized MemberSummary summary() {
        long now = clock.getAsLong();
        if (latest == null || now - latest.atMillis() >= REUSE_MILLIS || now < latest.atMillis()) {
            latest = make(now);
            signed = CoseSign1.sign(Domain.FLEET_SUMMARY, latest.encode(), identity).encode();
        }
        return latest;
    }

    /** The summary's COSE_Sign1 ({@code smartshare/fleet-summary/v1}), as {@code GET /fleet/summary} answers. */
    synchronized byte[] signed() {
        summary();
        return signed.clone();
    }

    private MemberSummary make(long now) {
        List<String> problems = new ArrayList<>();
        for (DriverHealth h : health.get()) {
            if (!h.fine() && problems.size() < MemberSummary.MAX_PROBLEMS) {
                String problem = h.component() + ": " + h.state().name().toLowerCase(Locale.ROOT);
                problems.add(problem.substring(0, Math.min(problem.length(), MemberSummary.MAX_TEXT)));
            }
        }
        RoutePosition position = mesh.map(MeshNode::position)
                .orElse(new RoutePosition(false, 0, 0xFFFF, Optional.empty(), List.of()));
        List<MemberSummary.Link> links = new ArrayList<>();
        for (NeighborView n : mesh.map(MeshNode::neighbors).orElse(List.of())) {
            if (n.alive() && links.size() < MemberSummary.MAX_LINKS) {
                links.add(new MemberSummary.Link(n.id(), Double.isFinite(n.etx()) ? n.etx() : 0));
            }
        }
        Optional<Earnings> e = earnings.map(Supplier::get);
        Map<String, Long> units = e.map(Earnings::unitsByName).orElse(Map.of());
        return new MemberSummary(NodeId.of(identity.publicKey()), now, clip(board), clip(version),
                problems.isEmpty() ? "up" : "degraded", problems, position.gateway(), position.rank(), position.parent(),
                links, e.map(Earnings::relayProvidedBytes).orElse(0L), e.map(Earnings::relayConsumedBytes).orElse(0L),
                units, e.map(Earnings::estimate).orElse(OptionalLong.empty()),
                e.map(Earnings::settledEpoch).orElse(OptionalLong.empty()),
                e.map(Earnings::settledReward).orElse(OptionalLong.empty()));
    }

    private static String clip(String text) {
        return text.length() <= MemberSummary.MAX_TEXT ? text : text.substring(0, MemberSummary.MAX_TEXT);
    }
}
