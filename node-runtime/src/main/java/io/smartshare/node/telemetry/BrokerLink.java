package io.smartshare.node.telemetry;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's connection to its operator's broker (docs/mqtt.md), with the Paho MQTT v5 client,
 * on a thread of its own: connects (with the last will "offline" on the status topic), publishes
 * the retained status "online", then sends what waits in the {@link Outbox}, oldest first, QoS 1,
 * one message in flight, marking each delivered once the broker acknowledged it. A failed connect
 * or a lost connection is retried after 1, 2, 4 … 60 s, each failure logged once with the
 * broker's reason; the node runs on meanwhile and the outbox keeps what comes. Paho's own
 * reconnect is not used: it does nothing before a first successful connect.
 */
final class BrokerLink implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerLink.class);
    static final long FIRST_RETRY_MILLIS = 1_000;
    static final long LAST_RETRY_MILLIS = 60_000;
    private static final long ACK_TIMEOUT_MILLIS = 10_000;
    private static final int CONNECT_TIMEOUT_SECONDS = 10;
    private static final long IDLE_WAIT_MILLIS = 1_000;

    /** Where and as whom to connect; TLS if a socket factory is given. */
    record Broker(String uri, String clientId, Optional<String> username, Optional<byte[]> password,
            Optional<SocketFactory> tls) {
    }

    private final Broker broker;
    private final Outbox outbox;
    private final TelemetryTopics topics;
    private final AtomicLong delivered = new AtomicLong();
    private volatile boolean connected;
    private volatile String lastError = "";
    private volatile boolean running = true;

    BrokerLink(Broker broker, Outbox outbox, TelemetryTopics topics) {
        this.broker = broker;
        this.outbox = outbox;
        this.topics = topics;
    }

    @Override
    public void run() {
        long retry = FIRST_RETRY_MILLIS;
        while (running) {
            MqttAsyncClient client = null;
            try {
                client = new MqttAsyncClient(broker.uri(), broker.clientId(), new MemoryPersistence());
                client.connect(options()).waitForCompletion(CONNECT_TIMEOUT_SECONDS * 1000L);
                client.publish(topics.status(), online()).waitForCompletion(ACK_TIMEOUT_MILLIS);
                connected = true;
                lastError = "";
                retry = FIRST_RETRY_MILLIS;
                LOG.info("event=mqtt-connected broker={} queued={}", broker.uri(), outbox.size());
                send(client);
            } catch (MqttException | IOException e) {
                String reason = reason(e);
                // one line a failure: the backoff bounds them to one a minute
                LOG.warn("event=mqtt-unavailable broker={} reason=\"{}\" retry-in-ms={} queued={}", broker.uri(),
                        reason, retry, outbox.size());
                lastError = reason;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } finally {
                connected = false;
                close(client, !running);
            }
            if (running) {
                try {
                    Thread.sleep(retry);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
                retry = Math.min(retry * 2, LAST_RETRY_MILLIS);
            }
        }
    }

    /** Sends what waits until the connection fails or the link stops. */
    private void send(MqttAsyncClient client) throws MqttException, IOException, InterruptedException {
        while (running) {
            Optional<Outbox.Message> next = outbox.peek();
            if (next.isEmpty()) {
                outbox.awaitMore(IDLE_WAIT_MILLIS);
                if (!client.isConnected()) {
                    throw new MqttException(MqttClientException.REASON_CODE_CONNECTION_LOST);
                }
                continue;
            }
            Outbox.Message m = next.get();
            MqttMessage message = new MqttMessage(m.payload(), 1, m.retained(), null);
            client.publish(m.topic(), message).waitForCompletion(ACK_TIMEOUT_MILLIS);
            outbox.delivered(m);
            delivered.incrementAndGet();
        }
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS);
        options.setKeepAliveInterval(30);
        options.setWill(topics.status(), new MqttMessage(topics.offline(), 1, true, null));
        broker.tls().ifPresent(options::setSocketFactory);
        broker.username().ifPresent(options::setUserName);
        broker.password().ifPresent(options::setPassword);
        return options;
    }

    private MqttMessage online() {
        return new MqttMessage(topics.online(), 1, true, null);
    }

    /** The broker's or the network's reason, in words. */
    static String reason(Exception e) {
        if (e instanceof MqttException m) {
            String text = m.getMessage() == null ? "" : m.getMessage();
            String cause = m.getCause() == null ? "" : ": " + m.getCause().getMessage();
            return text + " (reason code " + m.getReasonCode() + ")" + cause;
        }
        return e.getMessage();
    }

    /** Closes the client; when the node stops, says "offline" first (a clean disconnect sends no will). */
    private void close(MqttAsyncClient client, boolean goodbye) {
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                if (goodbye) {
                    client.publish(topics.status(), new MqttMessage(topics.offline(), 1, true, null))
                            .waitForCompletion(2_000);
                }
                client.disconnect(1_000).waitForCompletion(2_000);
            }
        } catch (MqttException e) {
            LOG.debug("event=mqtt-disconnect-failed reason=\"{}\"", e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("event=mqtt-close-failed reason=\"{}\"", e.getMessage());
        }
    }

    /** Ends the loop; the thread's interrupt wakes it. */
    void stop() {
        running = false;
    }

    boolean connected() {
        return connected;
    }

    long delivered() {
        return delivered.get();
    }

    String lastError() {
        return lastError;
    }
}
