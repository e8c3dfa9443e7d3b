package io.smartshare.node.coap;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.observe.ObserveRelation;
import org.eclipse.californium.core.server.DelivererException;
import org.eclipse.californium.core.server.ServerMessageDeliverer;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.core.server.resources.ResourceObserverAdapter;
import org.eclipse.californium.elements.config.Configuration;

/**
 * At most {@value #PER_CLIENT} Observe relations per client address (the IP address, not
 * the port: a new port is free to an attacker), on top of Californium's total ({@code
 * MAX_SERVER_OBSERVES}, 50). A registration beyond the quota is served as a plain GET
 * (RFC 7641 §4.1 lets a server answer without the Observe option) and counted in {@code
 * observe-refused}: one client can no longer take every slot.
 *
 * <p>The count follows the relations themselves: the quota watches every resource a
 * registration reaches ({@link ResourceObserverAdapter}), so relations that end by
 * cancellation, rejection or failed notifications are subtracted as Californium removes
 * them. Thread-safe.
 */
final class ObserverQuota extends ServerMessageDeliverer {
    /** Observe relations one client address may hold at once. */
    static final int PER_CLIENT = 8;

    private final Map<InetAddress, AtomicInteger> relations = new ConcurrentHashMap<>();
    private final Set<Resource> watched = ConcurrentHashMap.newKeySet();
    private final LongAdder refused = new LongAdder();
    private final ResourceObserverAdapter counter = new ResourceObserverAdapter() {
        @Override
        public void addedObserveRelation(ObserveRelation relation) {
            relations.computeIfAbsent(relation.getSource().getAddress(), a -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public void removedObserveRelation(ObserveRelation relation) {
            relations.computeIfPresent(relation.getSource().getAddress(),
                    (address, count) -> count.decrementAndGet() <= 0 ? null : count);
        }
    };

    ObserverQuota(Resource root, Configuration config) {
        super(root, config);
    }

    @Override
    protected boolean preDeliverRequest(Exchange exchange) {
        if (!exchange.getRequest().isObserve()) {
            return false;
        }
        InetAddress client = exchange.getRequest().getSourceContext().getPeerAddress().getAddress();
        AtomicInteger held = relations.get(client);
        if (held != null && held.get() >= PER_CLIENT) {
            exchange.getRequest().getOptions().removeObserve();
            refused.increment();
            return false;
        }
        try {
            Resource resource = findResource(exchange);
            if (resource instanceof CoapResource observable && watched.add(resource)) {
                observable.addObserver(counter);
            }
        } catch (DelivererException e) {
            // not found: the normal delivery answers it
        }
        return false;
    }

    /** The quota and the registrations served without Observe because their client was at it. */
    Map<String, Object> toDocument() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("relations-per-client", PER_CLIENT);
        doc.put("refused", refused.sum());
        return doc;
    }
}
