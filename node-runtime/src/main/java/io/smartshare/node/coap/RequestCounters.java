package io.smartshare.node.coap;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.interceptors.MessageInterceptorAdapter;

/**
 * Counts the requests an endpoint receives and the responses it sends, by class
 * (2.xx, 4.xx, 5.xx), for {@code /metrics}; requests refused for want of rights (4.01, 4.03)
 * are also counted and logged at a bounded rate ({@link RefusalCounter}, {@code
 * event=request-refused}). One instance per endpoint; thread-safe.
 */
public final class RequestCounters extends MessageInterceptorAdapter {
    private final RefusalCounter refused = new RefusalCounter("request-refused");
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
        if (response.getCode() == ResponseCode.UNAUTHORIZED || response.getCode() == ResponseCode.FORBIDDEN) {
            InetSocketAddress client = response.getDestinationContext() == null ? null
                    : response.getDestinationContext().getPeerAddress();
            refused.note(client, () -> response.getCode() + " " + response.getPayloadString());
        }
        switch (response.getCode().codeClass) {
            case 2 -> success.increment();
            case 4 -> clientErrors.increment();
            case 5 -> serverErrors.increment();
            default -> { }
        }
    }

    /** The counts as a document: requests, responses-2xx, responses-4xx, responses-5xx, refused (4.01, 4.03). */
    public Map<String, Object> toDocument() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("requests", requests.sum());
        doc.put("responses-2xx", success.sum());
        doc.put("responses-4xx", clientErrors.sum());
        doc.put("responses-5xx", serverErrors.sum());
        doc.put("refused", refused.total());
        return doc;
    }
}
