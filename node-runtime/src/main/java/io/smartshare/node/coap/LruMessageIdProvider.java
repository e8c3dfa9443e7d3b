package io.smartshare.node.coap;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.GroupedMessageIdTracker;
import org.eclipse.californium.core.network.MessageIdProvider;
import org.eclipse.californium.core.network.MessageIdTracker;
import org.eclipse.californium.elements.config.Configuration;

/**
 * Message IDs for outbound messages, tracked per destination for at most {@code capacity}
 * destinations; at the bound the least recently used destination's tracker is forgotten
 * (counted in {@link #evicted()}).
 *
 * <p>Californium's own provider refuses a new destination once {@code MAX_ACTIVE_PEERS}
 * trackers exist and none has been idle for {@code MAX_PEER_INACTIVITY_PERIOD} (10 minutes):
 * 150 datagrams from 150 source ports left every new client unanswered that long. Here a new
 * destination always gets an ID. A forgotten destination that comes back starts at a random
 * ID, so the RFC 7252 rule (no ID reused towards a destination within {@code
 * EXCHANGE_LIFETIME}) can be broken only for a destination evicted by at least {@code
 * capacity} newer ones, and then only by chance (1 in 65,000 per message). Multicast
 * destinations take IDs from {@code MULTICAST_BASE_MID} up, as in Californium. Thread-safe.
 */
final class LruMessageIdProvider implements MessageIdProvider {
    private static final int TOTAL_MIDS = 1 << 16;

    private final Configuration config;
    private final int capacity;
    private final int multicastBase;
    private final Random random = new SecureRandom();
    private final Map<InetSocketAddress, MessageIdTracker> trackers;
    private final LongAdder evicted = new LongAdder();

    LruMessageIdProvider(Configuration config, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("message ID tracker capacity must be at least 1, found " + capacity);
        }
        this.config = config;
        this.capacity = capacity;
        int base = config.get(CoapConfig.MULTICAST_BASE_MID);
        this.multicastBase = base > 0 ? base : TOTAL_MIDS;
        this.trackers = new LinkedHashMap<>(16, 0.75f, true);
    }

    @Override
    public synchronized int getNextMessageId(InetSocketAddress destination) {
        MessageIdTracker tracker = trackers.get(destination);
        if (tracker == null) {
            boolean multicast = destination.getAddress().isMulticastAddress() && multicastBase < TOTAL_MIDS;
            int min = multicast ? multicastBase : 0;
            int max = multicast ? TOTAL_MIDS : multicastBase;
            tracker = new GroupedMessageIdTracker(min + random.nextInt(max - min), min, max, config);
            trackers.put(destination, tracker);
            if (trackers.size() > capacity) {
                var eldest = trackers.keySet().iterator();
                eldest.next();
                eldest.remove();
                evicted.increment();
            }
        }
        return tracker.getNextMessageId();
    }

    /** Destinations whose tracker was forgotten because the table was full. */
    long evicted() {
        return evicted.sum();
    }

    synchronized int size() {
        return trackers.size();
    }

    int capacity() {
        return capacity;
    }
}
