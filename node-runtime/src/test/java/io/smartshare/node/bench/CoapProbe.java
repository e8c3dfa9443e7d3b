package io.smartshare.node.bench;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A minimal CoAP client for measurements: confirmable GETs built by hand (RFC 7252 §3), so
 * timing is not shaped by a client library's retransmission timers.
 */
final class CoapProbe implements AutoCloseable {
    private static final int CODE_CONTENT = 0x45;

    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private int messageId;

    CoapProbe(InetSocketAddress server, int timeoutMillis) throws IOException {
        this.socket = new DatagramSocket();
        this.socket.setSoTimeout(timeoutMillis);
        this.server = server;
    }

    /** Sends one GET of {@code path} (one segment) and waits for its 2.05 answer; false on timeout. */
    boolean get(String path) throws IOException {
        int id = ++messageId & 0xffff;
        byte[] segment = path.getBytes(StandardCharsets.US_ASCII);
        if (segment.length > 12) {
            throw new IllegalArgumentException("path segment too long for this probe: " + path);
        }
        byte[] request = new byte[5 + segment.length];
        request[0] = 0x40; // version 1, confirmable, no token
        request[1] = 0x01; // GET
        request[2] = (byte) (id >> 8);
        request[3] = (byte) id;
        request[4] = (byte) (0xB0 | segment.length); // option 11 (Uri-Path)
        System.arraycopy(segment, 0, request, 5, segment.length);
        socket.send(new DatagramPacket(request, request.length, server));
        byte[] buffer = new byte[2048];
        DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
        try {
            while (true) {
                socket.receive(answer);
                int answerId = ((buffer[2] & 0xff) << 8) | (buffer[3] & 0xff);
                if (answer.getLength() >= 4 && answerId == id) {
                    return (buffer[1] & 0xff) == CODE_CONTENT;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
