package io.smartshare.node.coap;

import java.util.concurrent.atomic.LongAdder;
import org.eclipse.californium.core.coap.OptionSet;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.interceptors.MessageInterceptorAdapter;

/**
 * Turns a Size1 option that Californium 3.14 cannot hold into one it refuses cleanly.
 *
 * <p>Size1 is a 32-bit unsigned integer; Californium keeps it in a signed {@code int}, so
 * 0x80000000 and above (a 37-byte datagram with Size1 = 0xffffffff) read as negative, pass
 * the "body too large" check, and fail deep in the block-wise layer with an exception and a
 * 4.8 KB stack trace in the log, per datagram. This interceptor, which runs before the
 * stack, sets such a Size1 to one byte over the node's body limit, so the block-wise layer
 * answers 4.13 "body too large" with no exception and no log line. Counted in
 * {@code size1-out-of-range}.
 */
final class Size1Guard extends MessageInterceptorAdapter {
    private final int maxBodySize;
    private final LongAdder corrected = new LongAdder();

    Size1Guard(int maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    @Override
    public void receiveRequest(Request request) {
        OptionSet options = request.getOptions();
        if (options.hasSize1() && options.getSize1() < 0) {
            options.setSize1(maxBodySize + 1);
            corrected.increment();
        }
    }

    long corrected() {
        return corrected.sum();
    }
}
