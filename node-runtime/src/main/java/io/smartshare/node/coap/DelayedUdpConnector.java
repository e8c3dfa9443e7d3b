package io.smartshare.node.coap;

import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.RawDataChannel;
import org.eclipse.californium.elements.config.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A test bed's stand-in for link delay where {@code tc netem} is missing: a {@code coap://}
 * connector that holds every datagram it sends to a non-loopback address for a fixed time
 * before sending it. Each hop of a mesh then costs that much one way (a request and its ACK
 * each pay it once). Enabled only by the system property {@value #PROPERTY} (milliseconds,
 * 1..{@value #MAX_DELAY_MILLIS}; unset or 0 builds a plain {@link GatedUdpConnector}); never for
 * production. Received datagrams pass the gate as in {@link GatedUdpConnector}. It adds one thread, {@code udp-delay}, stopped by {@link #destroy()}.
 */
final class DelayedUdpConnector extends GatedUdpConnector {
    /** The system property that turns the delay on. */
    static final String PROPERTY = "smartshare.testbed.linkDelayMillis";
    static final long MAX_DELAY_MILLIS = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(DelayedUdpConnector.class);

    private final long delayMillis;
    private final ScheduledExecutorService delayer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "udp-delay");
        t.setDaemon(true);
        return t;
    });

    private DelayedUdpConnector(InetSocketAddress address, Configuration config, UnaryOperator<RawDataChannel> gate,
            long delayMillis) {
        super(address, config, gate);
        this.delayMillis = delayMillis;
    }

    /**
     * The {@code coap://} connector: delayed when {@value #PROPERTY} is set to a positive
     * value, plain otherwise.
     *
     * @throws IllegalArgumentException naming the property and its value, if it is not 0..1000
     */
    static GatedUdpConnector create(InetSocketAddress address, Configuration config,
            UnaryOperator<RawDataChannel> gate) {
        long delay = delayFrom(System.getProperty(PROPERTY, "0"));
        if (delay == 0) {
            return new GatedUdpConnector(address, config, gate);
        }
        LOG.warn("event=testbed_link_delay millis={} note=\"test bed only: every datagram to a non-loopback address is held this long\"",
                delay);
        return new DelayedUdpConnector(address, config, gate, delay);
    }

    static long delayFrom(String text) {
        long delay;
        try {
            delay = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTY + ": expected milliseconds 0.." + MAX_DELAY_MILLIS + ", found '" + text + "'");
        }
        if (delay < 0 || delay > MAX_DELAY_MILLIS) {
            throw new IllegalArgumentException(PROPERTY + ": expected milliseconds 0.." + MAX_DELAY_MILLIS + ", found " + delay);
        }
        return delay;
    }

    @Override
    public void send(RawData msg) {
        if (msg.getInetSocketAddress().getAddress().isLoopbackAddress()) {
            super.send(msg);
        } else {
            delayer.schedule(() -> super.send(msg), delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void destroy() {
        delayer.shutdownNow();
        super.destroy();
    }
}
