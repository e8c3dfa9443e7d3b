package io.smartshare.node.coap;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.ExtendedCoapStackFactory;
import org.eclipse.californium.core.network.InMemoryMessageExchangeStore;
import org.eclipse.californium.core.network.MessageExchangeStore;
import org.eclipse.californium.core.network.Outbox;
import org.eclipse.californium.core.network.RandomTokenGenerator;
import org.eclipse.californium.core.network.interceptors.MessageInterceptor;
import org.eclipse.californium.core.network.stack.CoapStack;
import org.eclipse.californium.elements.EndpointContextMatcher;
import org.eclipse.californium.elements.RawDataChannel;
import org.eclipse.californium.elements.config.Configuration;

/**
 * The bounds on what remote input can grow in one endpoint, and their counters for {@code
 * /metrics}:
 * <ul>
 *   <li>duplicate detection: {@value #DEDUPLICATION_CAPACITY} messages, oldest forgotten
 *       ({@link BoundedDeduplicator});
 *   <li>message-ID trackers: {@value #MESSAGE_ID_DESTINATIONS} destinations, least recently
 *       used forgotten ({@link LruMessageIdProvider});
 *   <li>the protocol backlog: a datagram arriving while {@value #INBOUND_QUEUE_LIMIT} tasks
 *       wait to run (timers not counted) is dropped ({@link InboundGate}; {@code coap://} only: Scandium bounds its own
 *       inbound jobs, see {@link SmallDeviceCoapConfig}).
 *   <li>block-wise uploads: {@value #UPLOADS_PER_CLIENT} under way per client address, the
 *       next refused with 5.03, {@value #UPLOAD_CLIENTS} addresses tracked ({@link UploadQuota},
 *       in the endpoint's {@link BoundedCoapStack}).
 * </ul>
 * It also counts requests whose Size1 Californium cannot hold ({@link Size1Guard}).
 * Peers, block-wise transfers in total and Observe relations are bounded by Californium's own
 * settings in {@link SmallDeviceCoapConfig}.
 */
final class EndpointBounds {
    /** Messages remembered for duplicate detection, per endpoint. */
    static final int DEDUPLICATION_CAPACITY = 256;
    /** Destinations whose message IDs are tracked, per endpoint. */
    static final int MESSAGE_ID_DESTINATIONS = 256;
    /** Tasks waiting to run on the protocol thread (timers not counted) beyond which a received datagram is dropped. */
    static final int INBOUND_QUEUE_LIMIT = 256;
    /** Block-wise uploads one client address may have under way at once. */
    static final int UPLOADS_PER_CLIENT = 4;
    /** Client addresses whose uploads are tracked. */
    static final int UPLOAD_CLIENTS = 256;

    private final BoundedDeduplicator deduplicator;
    private final LruMessageIdProvider messageIds;
    private final LongAdder inboundDropped = new LongAdder();
    private final Size1Guard size1;
    private final UploadQuota uploads;
    private final long blockwiseLifetimeNanos;

    EndpointBounds(Configuration config) {
        this.deduplicator = new BoundedDeduplicator(config, DEDUPLICATION_CAPACITY);
        this.messageIds = new LruMessageIdProvider(config, MESSAGE_ID_DESTINATIONS);
        this.size1 = new Size1Guard(config.get(CoapConfig.MAX_RESOURCE_BODY_SIZE));
        this.blockwiseLifetimeNanos = config.get(CoapConfig.BLOCKWISE_STATUS_LIFETIME, TimeUnit.NANOSECONDS);
        this.uploads = new UploadQuota(UPLOADS_PER_CLIENT, UPLOAD_CLIENTS, blockwiseLifetimeNanos);
    }

    /** Builds the endpoint's stack: Californium's UDP stack with this endpoint's upload quota. */
    ExtendedCoapStackFactory stackFactory() {
        return new ExtendedCoapStackFactory() {
            @Override
            public CoapStack createCoapStack(String protocol, String tag, Configuration config,
                    EndpointContextMatcher matcher, Outbox outbox, Object customStackArgument) {
                return new BoundedCoapStack(tag, config, matcher, outbox,
                        new UploadQuotaLayer(uploads, blockwiseLifetimeNanos));
            }

            @Override
            public CoapStack createCoapStack(String protocol, String tag, Configuration config, Outbox outbox,
                    Object customStackArgument) {
                return createCoapStack(protocol, tag, config, null, outbox, customStackArgument);
            }
        };
    }

    /** The interceptor that turns an unrepresentable Size1 into a clean 4.13 ({@link Size1Guard}). */
    MessageInterceptor size1Guard() {
        return size1;
    }

    /** An exchange store that uses this endpoint's bounded deduplicator and message IDs. */
    MessageExchangeStore exchangeStore(String tag, Configuration config) {
        InMemoryMessageExchangeStore store = new InMemoryMessageExchangeStore(tag, config,
                new RandomTokenGenerator(config));
        store.setDeduplicator(deduplicator);
        store.setMessageIdProvider(messageIds);
        return store;
    }

    /** {@code receiver} behind the bound on {@code protocol}'s backlog. */
    RawDataChannel gate(RawDataChannel receiver, ProtocolExecutor protocol) {
        return new InboundGate(receiver, protocol::backlog, INBOUND_QUEUE_LIMIT, inboundDropped);
    }

    /** The sizes, bounds and counts at the bound, for {@code /metrics}. */
    Map<String, Object> toDocument() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("dedup-entries", deduplicator.size());
        doc.put("dedup-capacity", deduplicator.capacity());
        doc.put("dedup-evicted", deduplicator.evicted());
        doc.put("mid-destinations", messageIds.size());
        doc.put("mid-capacity", messageIds.capacity());
        doc.put("mid-evicted", messageIds.evicted());
        doc.put("inbound-dropped", inboundDropped.sum());
        doc.put("size1-out-of-range", size1.corrected());
        doc.put("upload-clients", uploads.clients());
        doc.put("uploads-refused", uploads.refused());
        doc.put("upload-clients-evicted", uploads.clientsEvicted());
        return doc;
    }
}
