package io.smartshare.node.rewards;

import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.receipt.SignedReceipt;
import io.smartshare.ledger.identity.NodeId;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Receipts signed but not yet answered by their provider: the latest one per provider and
 * resource (a newer, cumulative receipt replaces an older one), posted at every flush while
 * the provider is a live neighbour and no post of it is under way, until the provider answers
 * (accepted or refused: either way it has decided). A provider that was away or a post that
 * timed out thus still gets the receipt, with no traffic needed to trigger a new one.
 * Thread-safe: answers arrive on CoAP threads.
 */
final class ReceiptOutbox {
    private record Slot(NodeId provider, Resource resource) {
        static Slot of(SignedReceipt receipt) {
            return new Slot(NodeId.of(receipt.claim().provider()), receipt.claim().resource());
        }
    }

    /** Sends one receipt and tells {@code done} whether the provider answered ({@link ReceiptPoster#post}). */
    @FunctionalInterface
    interface Post {
        void send(SignedReceipt receipt, InetSocketAddress address, Consumer<Boolean> done);
    }

    private final Post post;
    private final Map<Slot, SignedReceipt> unanswered = new ConcurrentHashMap<>();
    private final Set<SignedReceipt> inFlight = ConcurrentHashMap.newKeySet();

    ReceiptOutbox(Post post) {
        this.post = post;
    }

    /** Queues {@code receipts}, each replacing an older one for its provider and resource. */
    void add(List<SignedReceipt> receipts) {
        receipts.forEach(r -> unanswered.put(Slot.of(r), r));
    }

    /** Posts every unanswered receipt whose provider is a live neighbour and that is not under way. */
    void flush(Function<NodeId, Optional<InetSocketAddress>> neighborAddress) {
        unanswered.forEach((slot, receipt) -> neighborAddress.apply(slot.provider()).ifPresent(address -> {
            if (inFlight.add(receipt)) {
                post.send(receipt, address, answered -> {
                    inFlight.remove(receipt);
                    if (answered) {
                        unanswered.remove(slot, receipt);
                    }
                });
            }
        }));
    }

    /** Number of receipts not answered yet. */
    int unanswered() {
        return unanswered.size();
    }
}
