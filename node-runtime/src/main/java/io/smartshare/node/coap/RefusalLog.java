package io.smartshare.node.coap;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One kind of refusal a client caused (a request refused 4.01 or 4.03, a DTLS handshake that
 * failed), counted, and logged at once and then at most once a minute with how many there
 * were since the last line: an operator sees a wrong key or a stranger, and a flood of them
 * cannot fill the log. What a client sent is quoted, cut to 120 characters and stripped of
 * control characters before it reaches the log. Thread-safe.
 */
final class RefusalLog {
    static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final int MAX_TEXT = 120;
    private static final Logger LOG = LoggerFactory.getLogger(RefusalLog.class);

    private final String event;
    private long total;
    private long unlogged;
    private long lastLogNanos;
    private boolean logged;

    /** @param event the log line's {@code event=} name */
    RefusalLog(String event) {
        this.event = event;
    }

    /** Counts one refusal of {@code client} (unknown when null) for {@code reason}. */
    synchronized void note(InetSocketAddress client, String reason) {
        total++;
        unlogged++;
        long now = System.nanoTime();
        if (!logged || now - lastLogNanos >= INTERVAL_NANOS) {
            String address = client == null ? "unknown" : client.getAddress().getHostAddress() + ":" + client.getPort();
            LOG.warn("event={} client={} reason=\"{}\" count={} total={}", event, address, clean(reason),
                    unlogged, total);
            logged = true;
            lastLogNanos = now;
            unlogged = 0;
        }
    }

    synchronized long total() {
        return total;
    }

    static String clean(String text) {
        String value = text == null ? "" : text;
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_TEXT));
        for (int i = 0; i < value.length() && out.length() < MAX_TEXT; i++) {
            char c = value.charAt(i);
            out.append(c < 0x20 || c == 0x7f || c == '"' ? '?' : c);
        }
        return out.toString();
    }
}
