package io.smartshare.node.coap;

import io.smartshare.node.logging.RefusalLog;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * One kind of refusal a client caused (a request refused 4.01 or 4.03, a DTLS handshake that
 * failed, a record that failed its MAC check), counted for {@code /metrics} and logged at a
 * bounded rate by the node's {@link RefusalLog} (at once, then at most once a minute, with how
 * many were not logged): an operator sees a wrong key or a stranger, and a flood of them
 * cannot fill the log. The client's address and what it sent are formatted only for a line
 * that is written; what it sent is cut to 120 characters and stripped of quotes and control
 * characters first. Thread-safe.
 */
final class RefusalCounter {
    private static final int MAX_TEXT = 120;

    private final String event;
    private final RefusalLog log = RefusalLog.of(LoggerFactory.getLogger(RefusalCounter.class));
    private final LongAdder total = new LongAdder();

    /** @param event the log line's {@code event=} name */
    RefusalCounter(String event) {
        this.event = event;
    }

    /** Counts one refusal of {@code client} (unknown when null) for {@code reason}, read only if a line is written. */
    void note(InetSocketAddress client, Supplier<String> reason) {
        total.increment();
        log.refused(event, "client={} reason=\"{}\" total={}", new Lazy(() -> client == null ? "unknown"
                : client.getAddress().getHostAddress() + ":" + client.getPort()), new Lazy(() -> clean(reason.get())),
                total.sum());
    }

    long total() {
        return total.sum();
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

    /** Text made when the logger formats its line, not before. */
    private record Lazy(Supplier<String> text) {
        @Override
        public String toString() {
            return text.get();
        }
    }
}
