package io.smartshare.node.mesh.routing;

import io.smartshare.ledger.identity.NodeId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Chooses a non-gateway node's parent: MRHOF (RFC 6719) over ETX with hysteresis, restricted
 * to feasible neighbours so that parent pointers can never form a loop.
 *
 * <p>A neighbour is feasible if its epoch is newer than ours, or if it is in our epoch with a
 * rank strictly below our feasible distance (the lowest rank we advertised in this epoch).
 * Along any chain of parents the pair (epoch descending, feasible distance) strictly
 * decreases, so a chain cannot return to where it started. When a newer epoch is feasible,
 * the node joins it. A pure function.
 */
public final class ParentSelector {
    /** Number of backup parents kept. */
    public static final int MAX_BACKUPS = 3;

    private ParentSelector() {
    }

    /**
     * @param epoch the node's current epoch
     * @param feasibleDistance its feasible distance in that epoch ({@link Rank#INFINITE} if it advertised none)
     * @param currentParent its current preferred parent
     * @param neighbors its live neighbours
     */
    public static ParentSelection select(long epoch, int feasibleDistance, Optional<NodeId> currentParent,
                                         List<Candidate> neighbors) {
        List<Candidate> feasible = neighbors.stream()
                .filter(c -> c.rank() < Rank.INFINITE && c.linkMetric() <= Rank.MAX_LINK_METRIC)
                .filter(c -> c.pathCost() < Rank.MAX_PATH_COST)
                .filter(c -> c.epoch() > epoch || (c.epoch() == epoch && c.rank() < feasibleDistance))
                .toList();
        if (feasible.isEmpty()) {
            return new ParentSelection(epoch, Rank.INFINITE, Optional.empty(), List.of());
        }
        long newest = feasible.stream().mapToLong(Candidate::epoch).max().orElseThrow();
        List<Candidate> pool = feasible.stream().filter(c -> c.epoch() == newest)
                .sorted(Comparator.comparingInt(Candidate::pathCost).thenComparing(c -> c.id().value()))
                .toList();
        Candidate best = pool.get(0);
        Candidate chosen = newest == epoch
                ? currentParent.flatMap(p -> pool.stream().filter(c -> c.id().equals(p)).findFirst())
                        .filter(cur -> cur.pathCost() < best.pathCost() + Rank.PARENT_SWITCH_THRESHOLD)
                        .orElse(best)
                : best;
        List<NodeId> backups = pool.stream().filter(c -> c != chosen).limit(MAX_BACKUPS).map(Candidate::id).toList();
        return new ParentSelection(newest, chosen.pathCost(), Optional.of(chosen.id()), backups);
    }
}
