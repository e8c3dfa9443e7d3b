package io.smartshare.node.mesh.coap;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the CoAP transport carried since the node started: mesh frames in and out, the CoAP
 * bytes that the frames sent and the acknowledgements of confirmable frames received took on
 * the wire (the mesh's control traffic; UDP and IP headers excluded), and forwarded
 * application requests. Thread-safe.
 */
final class TransportCounters {
    private final LongAdder framesSent = new LongAdder();
    private final LongAdder controlBytesSent = new LongAdder();
    private final LongAdder acksSent = new LongAdder();
    private final LongAdder framesReceived = new LongAdder();
    private final LongAdder framesRejected = new LongAdder();
    private final LongAdder sendFailures = new LongAdder();
    private final LongAdder requestsRelayed = new LongAdder();
    private final LongAdder requestsRelayFailed = new LongAdder();
    private final LongAdder requestsRelayRefused = new LongAdder();

    void frameSent(int coapBytes) {
        framesSent.increment();
        controlBytesSent.add(coapBytes);
    }

    /** The acknowledgement of a confirmable frame (a piggybacked 2.04) left: control traffic too. */
    void ackSent(int coapBytes) {
        acksSent.increment();
        controlBytesSent.add(coapBytes);
    }

    void frameReceived() {
        framesReceived.increment();
    }

    void frameRejected() {
        framesRejected.increment();
    }

    void sendFailed() {
        sendFailures.increment();
    }

    void relayed(boolean answered) {
        (answered ? requestsRelayed : requestsRelayFailed).increment();
    }

    /** A request refused before forwarding (no credentials, a mesh frame, a bad path). */
    void relayRefused() {
        requestsRelayRefused.increment();
    }

    long controlBytesSent() {
        return controlBytesSent.sum();
    }

    Map<String, Object> toDocument() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("frames-sent", framesSent.sum());
        doc.put("acks-sent", acksSent.sum());
        doc.put("control-bytes-sent", controlBytesSent.sum());
        doc.put("frames-received", framesReceived.sum());
        doc.put("frames-rejected", framesRejected.sum());
        doc.put("send-failures", sendFailures.sum());
        doc.put("requests-relayed", requestsRelayed.sum());
        doc.put("requests-relay-failed", requestsRelayFailed.sum());
        doc.put("requests-relay-refused", requestsRelayRefused.sum());
        return doc;
    }
}
