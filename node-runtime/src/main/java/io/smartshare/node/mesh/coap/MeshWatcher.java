package io.smartshare.node.mesh.coap;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.mesh.MeshNode;
import io.smartshare.node.mesh.RoutePosition;
import io.smartshare.node.mesh.neighbor.NeighborView;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reports each difference in a node's live neighbours and route as a {@link MeshChange}, in
 * order. It observes the node ({@link MeshNode#observe}): after every frame, timer or
 * delivery that may have changed them it compares them with what it last saw, on that thread,
 * so an idle node's threads wake for nothing but the mesh's own work (idle CPU:
 * docs/benchmarks.md, "Footprint").
 */
final class MeshWatcher {
    private final MeshNode node;
    private final Consumer<MeshChange> listener;
    private Map<NodeId, NeighborView> alive = Map.of();
    private Optional<RoutePosition> position = Optional.empty();

    MeshWatcher(MeshNode node, Consumer<MeshChange> listener) {
        this.node = node;
        this.listener = listener;
    }

    void start() {
        synchronized (node) {
            node.observe(this::compare);
            compare();
        }
    }

    void stop() {
        node.observe(() -> { });
    }

    /** Called holding the node's lock, which guards this watcher's state too. */
    private void compare() {
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
    }

    /** Equal but for the backup list, which churns with every ETX update. */
    private static boolean samePlace(RoutePosition a, RoutePosition b) {
        return a.gateway() == b.gateway() && a.epoch() == b.epoch() && a.rank() == b.rank() && a.parent().equals(b.parent());
    }
}
