package io.smartshare.node.coap;

import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.SystemConfig;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.config.DtlsConfig;

/**
 * The one place where Californium and Scandium are sized for a router or a Raspberry Pi.
 *
 * <p>Californium's defaults are sized for servers with thousands of clients: a bare server
 * with {@code Configuration.getStandard()} runs out of heap within seconds under {@code
 * -Xmx32m}. A node is monitored by a handful of operators and talks to tens of neighbours,
 * so every pool, store and lifetime here is bounded for that:
 * <ul>
 *   <li>{@code MAX_ACTIVE_PEERS 100}: block-wise transfers tracked at once, per direction;
 *   <li>{@code PEERS_MARK_AND_SWEEP} deduplicator, at most 64 remembered messages per peer:
 *       only for endpoints built without {@link EndpointBounds} (the simulator's); the node's
 *       own endpoints bound deduplication and message IDs in all, not per peer, since a flood
 *       from fresh ports outgrew Californium's per-peer stores;
 *   <li>{@code MAX_SERVER_OBSERVES 50}: observe relations the node keeps;
 *   <li>{@code PROTOCOL_STAGE_THREAD_COUNT 1}: resources answer from one thread;
 *   <li>{@code EXCHANGE_LIFETIME 60 s}, {@code NON_LIFETIME 30 s}: how long exchange state
 *       and duplicates are kept (RFC 7252 suggests 247 s and 145 s for worst-case links;
 *       a device on a LAN or mesh hop sees far shorter round trips);
 *   <li>one UDP receiver and one sender thread; at most 256 datagrams waiting to be sent
 *       ({@code UDP_CONNECTOR_OUT_CAPACITY}; the default has no bound), beyond which a send
 *       fails;
 *   <li>Observe: every 4th notification, and at least once a minute, is confirmable
 *       ({@code NOTIFICATION_CHECK_INTERVAL_COUNT 4}, {@code _TIME 60 s}); an observer that
 *       does not acknowledge it is dropped after the retransmissions, so a registration with
 *       a spoofed source gets a bounded number of notifications (RFC 7641 section 4.5);
 *   <li>block-wise transfers: at most {@code MAX_ACTIVE_PEERS} in each direction, an
 *       unfinished one forgotten after {@code BLOCKWISE_STATUS_LIFETIME 30 s} (default 5 min);
 *       uploads per client address are bounded too, by the endpoint's {@link UploadQuota};
 *       bodies up to {@code MAX_RESOURCE_BODY_SIZE 8192} bytes;
 *   <li>DTLS: server only, one receiver and one handshake thread, at most 64 inbound,
 *       outbound and handshake-result jobs waiting (Scandium's minimum; the default is
 *       50,000); 256 connections, of which one idle for a minute may be evicted for a new
 *       one. Scandium keeps a connection its client closed until it is evicted, and every
 *       run of an operator's CLI is a new connection: with 50 connections and the 10
 *       minutes this node had, 50 runs of {@code coap-client-openssl} locked every further
 *       coaps client out for 10 minutes. A client without a valid PSK cannot hold a slot:
 *       its handshake fails and its connection is removed.
 * </ul>
 * The configuration is built in memory; Californium writes no properties file.
 */
public final class SmallDeviceCoapConfig {
    static {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
        SystemConfig.register();
    }

    private SmallDeviceCoapConfig() {
    }

    /** A fresh configuration with the small-device settings above. */
    public static Configuration create() {
        Configuration config = Configuration.createStandardWithoutFile();
        config.set(CoapConfig.MAX_ACTIVE_PEERS, 100);
        config.set(CoapConfig.MAX_SERVER_OBSERVES, 50);
        config.set(CoapConfig.PROTOCOL_STAGE_THREAD_COUNT, 1);
        config.set(CoapConfig.EXCHANGE_LIFETIME, 60, TimeUnit.SECONDS);
        config.set(CoapConfig.NON_LIFETIME, 30, TimeUnit.SECONDS);
        config.set(CoapConfig.DEDUPLICATOR, CoapConfig.DEDUPLICATOR_PEERS_MARK_AND_SWEEP);
        config.set(CoapConfig.PEERS_MARK_AND_SWEEP_MESSAGES, 64);
        config.set(CoapConfig.NOTIFICATION_CHECK_INTERVAL_COUNT, 4);
        config.set(CoapConfig.NOTIFICATION_CHECK_INTERVAL_TIME, 60, TimeUnit.SECONDS);
        config.set(CoapConfig.BLOCKWISE_STATUS_LIFETIME, 30, TimeUnit.SECONDS);
        config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 8192);
        config.set(UdpConfig.UDP_RECEIVER_THREAD_COUNT, 1);
        config.set(UdpConfig.UDP_SENDER_THREAD_COUNT, 1);
        config.set(UdpConfig.UDP_CONNECTOR_OUT_CAPACITY, 256);
        config.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY);
        config.set(DtlsConfig.DTLS_MAX_CONNECTIONS, 256);
        config.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
        config.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 1);
        config.set(DtlsConfig.DTLS_STALE_CONNECTION_THRESHOLD, 60, TimeUnit.SECONDS);
        config.set(DtlsConfig.DTLS_MAX_PENDING_INBOUND_JOBS, 64);
        config.set(DtlsConfig.DTLS_MAX_PENDING_OUTBOUND_JOBS, 64);
        config.set(DtlsConfig.DTLS_MAX_PENDING_HANDSHAKE_RESULT_JOBS, 64);
        return config;
    }
}
