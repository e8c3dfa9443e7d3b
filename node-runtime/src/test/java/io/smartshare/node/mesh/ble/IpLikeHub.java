package io.smartshare.node.mesh.ble;

import io.smartshare.node.mesh.MeshNode;
import io.smartshare.node.mesh.MeshTransport;
import io.smartshare.node.mesh.link.Delivery;
import io.smartshare.node.mesh.link.LinkAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A lossless IP-like medium for tests: every node on it hears every other, at {@code host:port}
 * link addresses, delivered on one thread. A node can be cut off (its frames and those to it are lost).
 */
final class IpLikeHub implements AutoCloseable {
    private final Map<LinkAddress, MeshNode> nodes = new ConcurrentHashMap<>();
    private final Set<LinkAddress> cut = ConcurrentHashMap.newKeySet();
    private final ExecutorService delivery = Executors.newSingleThreadExecutor();

    /** The transport of the node that will be {@link #join}ed at {@code self}. */
    MeshTransport transport(LinkAddress self) {
        return new MeshTransport() {
            @Override
            public void multicast(byte[] frame) {
                nodes.keySet().stream().filter(a -> !a.equals(self)).forEach(to -> unicast(to, frame));
            }

            @Override
            public void unicast(LinkAddress to, byte[] frame) {
                send(self, to, frame, ok -> { });
            }

            @Override
            public void confirmable(LinkAddress to, byte[] frame, Consumer<Delivery> outcome) {
                send(self, to, frame, ok -> outcome.accept(ok ? new Delivery.Acknowledged(1) : new Delivery.TimedOut(5)));
            }
        };
    }

    void join(LinkAddress at, MeshNode node) {
        nodes.put(at, node);
    }

    /** From now on nothing reaches or leaves {@code at}. */
    void cut(LinkAddress at) {
        cut.add(at);
    }

    private void send(LinkAddress from, LinkAddress to, byte[] frame, Consumer<Boolean> reached) {
        delivery.execute(() -> {
            MeshNode target = nodes.get(to);
            boolean ok = target != null && !cut.contains(from) && !cut.contains(to);
            if (ok) {
                target.onFrame(from, frame);
            }
            reached.accept(ok);
        });
    }

    @Override
    public void close() {
        delivery.shutdownNow();
    }
}
