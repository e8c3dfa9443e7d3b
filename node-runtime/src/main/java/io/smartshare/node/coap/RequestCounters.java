package io.smartshare.node.coap;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.interceptors.MessageInterceptorAdapter;

/**
 * Counts the requests an endpoint receives and the responses it sends, by class
 * (2.xx, 4.xx, 5.xx), for {@code /metrics}. One instance per endpoint; thread-safe.
 */
public final class RequestCounters extends MessageInterceptorAdapter {
    private final LongAdder requests = new LongAdder();
    private final LongAdder success = new LongAdder();
    private final LongAdder clientErrors = new LongAdder();
    private final LongAdder serverErrors = new LongAdder();

    @Override
    public void receiveRequest(Request request) {
        requests.increment();
    }

    @Override
    public void sendResponse(Response response) {
        switch (response.getCode().codeClass) {
            case 2 -> success.increment();
            case 4 -> clientErrors.increment();
            case 5 -> serverErrors.increment();
            default -> { }
        }
    }

    /** The counts as a document: requests, responses-2xx, responses-4xx, responses-5xx. */
    public Map<String, Object> toDocument() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("requests", requests.sum());
        doc.put("responses-2xx", success.sum());
        doc.put("responses-4xx", clientErrors.sum());
        doc.put("responses-5xx", serverErrors.sum());
        return doc;
    }
}
