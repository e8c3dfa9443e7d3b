package io.smartshare.node.mesh.coap;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.mesh.MeshNode;
import io.smartshare.node.mesh.RoutePosition;
import io.smartshare.node.mesh.clock.MeshScheduler;
import io.smartshare.node.mesh.neighbor.NeighborView;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Polls a node's neighbour table and route every {@link #PERIOD_MILLIS} on the mesh's
 * scheduler and reports each difference as a {@link MeshChange}, in order. Changes shorter
 * than a period can go unseen; the node's own logs have every event. A quarter second adds
 * little to a neighbour's death (detected after 1.3 s of silence) and wakes an idle node's
 * mesh thread 4 times a second instead of 10 (idle CPU: docs/benchmarks.md, "Footprint").
 */
final class MeshWatcher {
    static final long PERIOD_MILLIS = 250;

    private final MeshNode node;
    private final MeshScheduler scheduler;
    private final Consumer<MeshChange> listener;
    private Map<NodeId, NeighborView> alive = Map.of();
    private Optional<RoutePosition> position = Optional.empty();
    private volatile boolean running;

    MeshWatcher(MeshNode node, MeshScheduler scheduler, Consumer<MeshChange> listener) {
        this.node = node;
        this.scheduler = scheduler;
        this.listener = listener;
    }

    void start() {
        running = true;
        scheduler.schedule(0, this::poll);
    }

    void stop() {
        running = false;
    }

    private void poll() {
        if (!running) {
            return;
        }
        Map<NodeId, NeighborView> now = new HashMap<>();
        node.neighbors().stream().filter(NeighborView::alive).forEach(n -> now.put(n.id(), n));
        now.values().stream().filter(n -> !alive.containsKey(n.id()))
                .forEach(n -> listener.accept(new MeshChange.NeighborUp(node.id(), n.id(), n.address())));
        alive.keySet().stream().filter(id -> !now.containsKey(id))
                .forEach(id -> listener.accept(new MeshChange.NeighborDown(node.id(), id)));
        alive = now;
        RoutePosition current = node.position();
        if (position.map(p -> !samePlace(p, current)).orElse(true)) {
            listener.accept(new MeshChange.RouteChanged(node.id(), current));
        }
        position = Optional.of(current);
        scheduler.schedule(PERIOD_MILLIS, this::poll);
    }

    /** Equal but for the backup list, which churns with every ETX update. */
    private static boolean samePlace(RoutePosition a, RoutePosition b) {
        return a.gateway() == b.gateway() && a.epoch() == b.epoch() && a.rank() == b.rank() && a.parent().equals(b.parent());
    }
}
