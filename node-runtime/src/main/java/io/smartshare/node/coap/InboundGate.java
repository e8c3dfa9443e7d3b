package io.smartshare.node.coap;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.RawDataChannel;

/**
 * The bound on the backlog in front of the protocol thread: a datagram that arrives while
 * {@code limit} tasks already wait to run there ({@link ProtocolExecutor#backlog()}, timers
 * not counted) is dropped before it is parsed, and counted.
 *
 * <p>Californium hands every received datagram to the protocol executor, whose queue has no
 * bound: a flood faster than the protocol thread filled the heap with waiting datagrams. The
 * newest datagram is refused rather than an old one, so the work already queued is not
 * wasted; clients retransmit (CON) or ask again (NON).
 */
final class InboundGate implements RawDataChannel {
    private final RawDataChannel next;
    private final IntSupplier backlog;
    private final int limit;
    private final LongAdder dropped;

    InboundGate(RawDataChannel next, IntSupplier backlog, int limit, LongAdder dropped) {
        this.next = next;
        this.backlog = backlog;
        this.limit = limit;
        this.dropped = dropped;
    }

    @Override
    public void receiveData(RawData raw) {
        if (backlog.getAsInt() >= limit) {
            dropped.increment();
            return;
        }
        next.receiveData(raw);
    }
}
